package lesion.source;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Suggestions for misspelt words: the nearest candidate by edit distance, when it is near enough. */
public final class Hints {
    private Hints() {
    }

    /** The candidate closest to {@code word}, if within 2 edits or a third of its length. */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance.apply(w, c.toLowerCase(Locale.ROOT));
            if (d >= 0 && d < bestDistance && d > 0) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code did you mean 'x'?} for the nearest candidate, or null. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(s -> "did you mean '" + s + "'?").orElse(null);
    }
}
