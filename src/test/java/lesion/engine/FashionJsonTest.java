package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lesion.results.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionJsonTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("3.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    /** Reading {@code json} fails with a message that names the file and contains {@code expected}. */
    private void assertRejected(String json, String expected) throws IOException {
        Path file = write(json);
        EngineException e = assertThrows(EngineException.class, () -> FashionJson.read(file, 100));
        assertTrue(e.getMessage().startsWith("data file " + file + " "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void readsImagesInFileOrderAndHashesTheWholeFile() throws IOException {
        String json = FashionFiles.json(3, 5);
        Path file = write(json);
        FashionJson.ClassFile c = FashionJson.read(file, 100);
        assertEquals(5, c.count());
        assertEquals(5 * 784, c.pixels().length);
        for (int i = 0; i < 5; i++) {
            assertEquals(FashionFiles.pixel(3, i), c.pixels()[i * 784] & 0xff);
            assertEquals(FashionFiles.pixel(3, i), c.pixels()[i * 784 + 783] & 0xff);
        }
        assertEquals(Sha256.hex(json.getBytes(StandardCharsets.UTF_8)), c.sha256());
    }

    @Test
    void keepsTheFullByteRangeAndAcceptsWhitespace() throws IOException {
        String image = FashionFiles.image(0).replaceFirst("\\[0,0", "[255,\n 7");
        FashionJson.ClassFile c = FashionJson.read(write("{ \"data\" : [ " + image + " ] }\n"), 100);
        assertEquals(255, c.pixels()[0] & 0xff);
        assertEquals(7, c.pixels()[1] & 0xff);
    }

    @Test
    void skipsEmptyArraysAsThePackagesFirstFileHasThem() throws IOException {
        FashionJson.ClassFile c = FashionJson.read(write("{\"data\":[" + FashionFiles.image(1) + ",[],"
                + FashionFiles.image(2) + ",[]]}"), 100);
        assertEquals(2, c.count());
        assertEquals(2, c.pixels()[784]);
    }

    @Test
    void namesATruncatedFile() throws IOException {
        String json = FashionFiles.json(0, 3);
        assertRejected(json.substring(0, json.length() / 2), "is truncated");
        assertRejected(json.substring(0, json.length() - 1), "is truncated");
        assertRejected("", "is empty");
    }

    @Test
    void rejectsAnImageOfTheWrongSize() throws IOException {
        String short783 = FashionFiles.image(5).replaceFirst("\\[5,", "[");
        assertRejected("{\"data\":[" + FashionFiles.image(1) + "," + short783 + "]}",
                "has 783 values in entry 1 of \"data\"; an image has 28x28 = 784");
        String long785 = FashionFiles.image(5).replaceFirst("\\[5,", "[5,5,");
        assertRejected("{\"data\":[" + long785 + "]}", "has more than 784 values in entry 0");
    }

    @Test
    void rejectsValuesThatAreNotPixels() throws IOException {
        assertRejected("{\"data\":[" + FashionFiles.image(1).replaceFirst("1", "256") + "]}",
                "has the value 256 at position 0 of entry 0");
        assertRejected("{\"data\":[" + FashionFiles.image(1).replaceFirst("1", "-1") + "]}", "the value -1");
        assertRejected("{\"data\":[" + FashionFiles.image(1).replaceFirst("1", "0.5") + "]}", "the value 0.5");
        assertRejected("{\"data\":[" + FashionFiles.image(1).replaceFirst("1", "\"1\"") + "]}", "the string \"1\"");
        assertRejected("{\"data\":[" + FashionFiles.image(1).replaceFirst("1", "99999999999") + "]}",
                "the value 99999999999");
        assertRejected("{\"data\":[1,2]}", "has the value 1 as entry 0 of \"data\"");
    }

    @Test
    void rejectsOtherShapes() throws IOException {
        assertRejected("[]", "does not start with '{'");
        assertRejected("{}", "has no \"data\" field");
        assertRejected("{\"data\":{}}", "has a field \"data\" that is not an array");
        assertRejected("{\"data\":[],\"labels\":[]}", "has an unexpected field \"labels\"");
        assertRejected("{\"data\":[],\"data\":[]}", "has a second field \"data\"");
        assertRejected("{\"data\":[]} {}", "has content after the closing '}'");
        assertRejected("{\"data\":[]]", "is not valid JSON at byte");
    }

    @Test
    void refusesMoreImagesThanAllowed() throws IOException {
        Path file = write(FashionFiles.json(0, 4));
        assertEquals(4, FashionJson.read(file, 4).count());
        EngineException e = assertThrows(EngineException.class, () -> FashionJson.read(file, 3));
        assertTrue(e.getMessage().contains("holds more than 3 images"), e.getMessage());
    }

    @Test
    void namesAMissingFile() {
        EngineException e = assertThrows(EngineException.class, () -> FashionJson.read(dir.resolve("7.json"), 10));
        assertEquals("missing data file " + dir.resolve("7.json"), e.getMessage());
    }
}
