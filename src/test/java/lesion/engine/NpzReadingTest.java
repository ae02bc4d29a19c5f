package lesion.engine;

import static lesion.engine.NpzFiles.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lesion.engine.NpzFiles.Array;
import lesion.results.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code .npz} and {@code .npy} files as NumPy writes them, in every supported layout; refusing damage. */
class NpzReadingTest {

    @TempDir
    Path tmp;

    private static final Path NUMPY_MADE = Path.of(System.getProperty("lesion.root", "."))
            .resolve("tests/fixtures/npz");

    @Test
    void readsFilesThatNumpyWroteStoredOrCompressed() throws IOException {
        for (String name : List.of("numpy-made.npz", "numpy-made-compressed.npz")) {
            Path file = NUMPY_MADE.resolve(name);
            NpzArchive npz = NpzArchive.read(file, "weights file");
            assertEquals(List.of("c32", "f64", "big", "scalar", "ints", "layer.0.weight"),
                    List.copyOf(npz.arrays().keySet()), name);
            assertEquals(Sha256.hex(file), npz.sha256());
            assertArrayEquals(new long[] {2, 3}, npz.arrays().get("c32").shape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, npz.arrays().get("c32").values());
            // written in Fortran order; read back in C order: element [i][j][k] is (12i + 4j + k) / 8
            NpyArray f64 = npz.arrays().get("f64");
            assertArrayEquals(new long[] {2, 3, 4}, f64.shape());
            for (int i = 0; i < 24; i++) {
                assertEquals(i / 8f, f64.values()[i], name + " f64 at " + i);
            }
            assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, npz.arrays().get("big").values());
            assertArrayEquals(new long[0], npz.arrays().get("scalar").shape());
            assertArrayEquals(new float[] {7.25f}, npz.arrays().get("scalar").values());
            assertFalse(npz.arrays().get("ints").isFloat());
            EngineException e = assertThrows(EngineException.class, () -> npz.arrays().get("ints").floats("w.npz: "));
            assertEquals("w.npz: array 'ints' has dtype int64 ('<i8'); weights must be float32 or float64 (convert "
                    + "with .astype(numpy.float32))", e.getMessage());
            assertArrayEquals(new long[] {1, 1, 3, 3}, npz.arrays().get("layer.0.weight").shape());
        }
    }

    @Test
    void fortranOrderAndFloat64ReadAsTheSameCOrderValues() {
        double[] values = new double[2 * 3 * 4 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5 - 7;
        }
        Array c = new Array("<f4", false, shape(2, 3, 4, 5), values);
        NpyArray expected = NpyArray.parse("a", NpzFiles.npy(c));
        for (Array variant : List.of(c.as("<f8", false), c.as("<f4", true), c.as("<f8", true), c.as(">f8", true),
                c.as(">f4", false))) {
            NpyArray read = NpyArray.parse("a", NpzFiles.npy(variant));
            assertArrayEquals(expected.values(), read.values(), variant.descr() + " fortran=" + variant.fortran());
            assertArrayEquals(expected.shape(), read.shape());
        }
        assertArrayEquals(expected.values(), NpyArray.parse("a", NpzFiles.npy(c, 2)).values(), "format version 2");
    }

    @Test
    void float64ValuesAreRoundedToFloat32() {
        NpyArray a = NpyArray.parse("a", NpzFiles.npy(new Array("<f8", false, shape(2), new double[] {0.1, 1e300})));
        assertEquals(0.1f, a.values()[0]);
        assertEquals(Float.POSITIVE_INFINITY, a.values()[1], "beyond float32's range: refused later as not finite");
    }

    @Test
    void damagedArraysAreRefusedWithWhatIsWrong() {
        byte[] good = NpzFiles.npy(Array.f32(shape(2, 3), 1, 2, 3, 4, 5, 6));
        assertEquals("array 'w' is not a .npy array (it does not start with \\x93NUMPY)",
                parseError(Arrays.copyOf("PK\u0003\u0004 not numpy".getBytes(), 20)));
        assertEquals("array 'w' of shape (2, 3) and dtype float32 ('<f4') should have 24 bytes of data but has 20 "
                + "(the file is truncated)", parseError(Arrays.copyOf(good, good.length - 4)));
        assertEquals("array 'w' of shape (2, 3) and dtype float32 ('<f4') should have 24 bytes of data but has 28",
                parseError(Arrays.copyOf(good, good.length + 4)));
        assertEquals("array 'w' is a truncated .npy array (its header is cut off)",
                parseError(Arrays.copyOf(good, 40)));
        byte[] v9 = good.clone();
        v9[6] = 9;
        assertEquals("array 'w' has .npy format version 9.0; versions 1, 2 and 3 are supported", parseError(v9));
        byte[] noShape = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'shape'", "'shope'")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(parseError(noShape).startsWith("array 'w' has a .npy header without a readable 'shape'"));
        NpyArray half = NpyArray.parse("w", NpzFiles.npy(new Array("<f2", false, shape(2), new double[2])));
        assertTrue(assertThrows(EngineException.class, () -> half.floats("")).getMessage()
                .contains("has dtype float16 ('<f2')"));
    }

    private static String parseError(byte[] bytes) {
        return assertThrows(EngineException.class, () -> NpyArray.parse("w", bytes)).getMessage();
    }

    @Test
    void aFileThatIsNotAnNpzIsRefusedNamingIt() throws IOException {
        Path text = Files.writeString(tmp.resolve("w.npz"), "hidden1.weight = [1, 2, 3]\n");
        EngineException e = assertThrows(EngineException.class, () -> NpzArchive.read(text, "weights file"));
        assertTrue(e.getMessage().startsWith("weights file " + text + " is not an .npz file: it is not a zip archive"),
                e.getMessage());
        Path missing = tmp.resolve("none.npz");
        assertEquals("weights file " + missing + " does not exist",
                assertThrows(EngineException.class, () -> NpzArchive.read(missing, "weights file")).getMessage());
    }

    @Test
    void entriesThatAreNotNpyOrAreDamagedAreNamed() throws IOException {
        byte[] good = NpzFiles.npy(Array.f32(shape(2), 1, 2));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.npy", good);
        entries.put("notes.txt", "hello".getBytes());
        Path foreign = NpzFiles.writeRaw(tmp.resolve("foreign.npz"), entries);
        assertEquals("weights file " + foreign + " holds 'notes.txt', which is not an .npy array (an .npz file "
                        + "written by numpy.savez holds only <name>.npy entries)",
                assertThrows(EngineException.class, () -> NpzArchive.read(foreign, "weights file")).getMessage());

        Path broken = NpzFiles.writeRaw(tmp.resolve("broken.npz"), Map.of("b.npy", "garbage".getBytes()));
        assertEquals("weights file " + broken + ": array 'b' is not a .npy array (it does not start with \\x93NUMPY)",
                assertThrows(EngineException.class, () -> NpzArchive.read(broken, "weights file")).getMessage());

        // a zip whose entry's data was damaged after writing: its CRC no longer matches
        Path zip = NpzFiles.writeRaw(tmp.resolve("crc.npz"), Map.of("c.npy", good));
        byte[] bytes = Files.readAllBytes(zip);
        int at = indexOf(bytes, "NUMPY".getBytes()) - 1 + good.length - 1;
        bytes[at] ^= 0x55;
        Files.write(zip, bytes);
        EngineException e = assertThrows(EngineException.class, () -> NpzArchive.read(zip, "weights file"));
        assertEquals("weights file " + zip + ": array 'c' is damaged (its CRC-32 does not match the zip's)",
                e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
