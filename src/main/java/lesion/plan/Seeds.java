package lesion.plan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives the seed of each random choice from the study seed and a key naming the choice (a
 * statement's normalised text and how many identical statements precede it), so that adding
 * or moving a statement does not change the random choices of the others.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A non-negative 63-bit seed from the study seed and a key. */
    public static long derive(long studySeed, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(studySeed).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong() & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
