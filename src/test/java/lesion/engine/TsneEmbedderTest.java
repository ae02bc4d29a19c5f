package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lesion.results.Embedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TsneEmbedder}: computed once per data set and settings, then read back exactly from the cache. */
class TsneEmbedderTest {
    @TempDir
    Path cache;

    private final List<String> warnings = new ArrayList<>();

    private Embedding embed(Dataset data, long seed) {
        return new TsneEmbedder(cache, warnings::add, Cancellation.none()).embed(data, seed);
    }

    @Test
    void aSecondEmbeddingOfTheSameDataComesFromTheCacheWithTheSameNumbers() throws IOException {
        Dataset data = TsneTest.clusters(3, 50, 9);
        Embedding first = embed(data, 4);
        assertFalse(first.cached());
        Path file = cache.resolve("embeddings")
                .resolve(TsneSettings.paper(150, 50, 4).key(data.contentHash()) + ".bin");
        assertTrue(Files.isRegularFile(file), "stored under the cache root");
        byte[] stored = Files.readAllBytes(file);

        Embedding second = embed(data, 4);
        assertTrue(second.cached());
        assertArrayEquals(first.x(), second.x());
        assertArrayEquals(first.y(), second.y());
        assertArrayEquals(data.testLabels(), second.labels());
        assertArrayEquals(stored, Files.readAllBytes(file), "read, not rewritten");
        assertEquals(first.settings(), second.settings());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void fewerTestImagesOrAnotherSeedAreComputedAnew() {
        Dataset data = TsneTest.clusters(3, 50, 9);
        embed(data, 4);
        Embedding fewer = embed(data.limit(150, 120), 4);
        assertFalse(fewer.cached(), "a limit test M changes the images");
        assertEquals(120, fewer.points());
        assertFalse(embed(data, 5).cached());
    }

    @Test
    void aDamagedCacheFileIsReportedAndComputedAgain() throws IOException {
        Dataset data = TsneTest.clusters(2, 70, 10);
        Embedding first = embed(data, 1);
        Path file = cache.resolve("embeddings")
                .resolve(TsneSettings.paper(140, 50, 1).key(data.contentHash()) + ".bin");
        Files.write(file, new byte[] {1, 2, 3});
        Embedding again = embed(data, 1);
        assertFalse(again.cached());
        assertArrayEquals(first.x(), again.x(), "the same numbers: the computation is deterministic");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("damaged"), warnings.get(0));
    }
}
