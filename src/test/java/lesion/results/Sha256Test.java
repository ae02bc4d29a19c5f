package lesion.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    @Test
    void matchesTheStandardTestVector(@TempDir Path dir) throws IOException {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, Sha256.hex("abc"));
        assertEquals(abc, Sha256.hex(new byte[] {'a', 'b', 'c'}));
        Path file = Files.writeString(dir.resolve("f"), "abc");
        assertEquals(abc, Sha256.hex(file));
    }

    @Test
    void hashesFilesLargerThanTheBuffer(@TempDir Path dir) throws IOException {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("big"), data);
        assertEquals(Sha256.hex(data), Sha256.hex(file));
    }
}
