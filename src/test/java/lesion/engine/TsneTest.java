package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Tsne} and {@link TsneSettings}: one finite 2-D point per test image, clusters kept, data untouched. */
class TsneTest {
    private static Dataset tiny() {
        return IdxDataset.load(Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx"));
    }

    /** {@code perCluster} test images around each of {@code clusters} far-apart centres in 50 dimensions. */
    static Dataset clusters(int clusters, int perCluster, long seed) {
        Random random = new Random(seed);
        int n = clusters * perCluster;
        int dims = 50;
        float[] values = new float[n * dims];
        int[] labels = new int[n];
        float[][] centres = new float[clusters][dims];
        for (float[] c : centres) {
            for (int d = 0; d < dims; d++) {
                c[d] = (float) (10 * random.nextGaussian());
            }
        }
        for (int i = 0; i < n; i++) {
            // interleaved, so that a cluster is not a block of consecutive indices
            labels[i] = i % clusters;
            for (int d = 0; d < dims; d++) {
                values[i * dims + d] = centres[labels[i]][d] + (float) random.nextGaussian();
            }
        }
        var features = Nd4j.create(values, new long[] {n, dims}, 'c');
        return new Dataset("clusters", features.dup(), labels.clone(), features, labels, clusters,
                new int[] {1, 1, dims}, Map.of("clusters", Long.toString(seed)));
    }

    @Test
    void everyTestImageGetsOneFinitePoint() {
        Dataset data = tiny();
        TsneSettings settings = TsneSettings.paper(data.testSize(), data.featureSize(), 7);
        assertEquals(49 / 3.0, settings.perplexity(), 1e-12, "50 images cannot have perplexity 40");
        assertEquals(30, settings.pcaDims());
        double[][] points = Tsne.embed(data, settings, Cancellation.none());
        assertEquals(data.testSize(), points.length);
        for (double[] p : points) {
            assertEquals(2, p.length);
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]), "finite");
        }
        assertTrue(spread(points) > 0, "the points are not all in one place");
    }

    @Test
    void theImagesAndTheirHashStayAsTheyWere() {
        Dataset data = clusters(3, 50, 1);
        String hash = data.contentHash();
        double[][] before = data.testFeatures().toDoubleMatrix();
        Tsne.embed(data, TsneSettings.paper(data.testSize(), data.featureSize(), 3), Cancellation.none());
        assertEquals(hash, data.contentHash());
        assertArrayEquals(before, data.testFeatures().toDoubleMatrix(), "the library's PCA works on a copy");
    }

    @Test
    void wellSeparatedClustersStaySeparated() {
        Dataset data = clusters(3, 60, 2);
        int[] labels = data.testLabels();
        double[][] points = Tsne.embed(data, TsneSettings.paper(data.testSize(), data.featureSize(), 5),
                Cancellation.none());
        int same = 0;
        for (int i = 0; i < points.length; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < points.length; j++) {
                double d = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
                if (j != i && d < best) {
                    best = d;
                    nearest = j;
                }
            }
            same += labels[nearest] == labels[i] ? 1 : 0;
        }
        assertTrue(same >= 0.95 * points.length,
                same + " of " + points.length + " nearest neighbours share the cluster");
    }

    @Test
    void theSameSeedGivesTheSamePointsAnotherSeedOthers() {
        Dataset data = clusters(2, 70, 3);
        double[][] a = Tsne.embed(data, TsneSettings.paper(data.testSize(), data.featureSize(), 11),
                Cancellation.none());
        double[][] b = Tsne.embed(data, TsneSettings.paper(data.testSize(), data.featureSize(), 11),
                Cancellation.none());
        double[][] c = Tsne.embed(data, TsneSettings.paper(data.testSize(), data.featureSize(), 12),
                Cancellation.none());
        assertArrayEquals(a, b);
        assertNotEquals(a[0][0], c[0][0]);
    }

    @Test
    void thePaperSettingsAndTheirLimits() {
        TsneSettings mnist = TsneSettings.paper(10_000, 784, 1);
        assertEquals(40, mnist.perplexity());
        assertEquals(30, mnist.pcaDims());
        assertEquals("pca 30, perplexity 40, theta 0.5, 1000 iterations, seed 1", mnist.describe());
        assertEquals(10, TsneSettings.paper(10, 784, 1).pcaDims(), "no more dimensions than images");
        assertNotEquals(mnist.key("a"), mnist.key("b"));
        assertNotEquals(mnist.key("a"), TsneSettings.paper(10_000, 784, 2).key("a"));
        assertThrows(EngineException.class, () -> TsneSettings.paper(3, 784, 1));
    }

    @Test
    void aCancelledRunStops() {
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        Dataset data = clusters(2, 70, 4);
        assertThrows(CancelledException.class,
                () -> Tsne.embed(data, TsneSettings.paper(data.testSize(), data.featureSize(), 1), cancelled));
    }

    private static double spread(double[][] points) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            min = Math.min(min, p[0]);
            max = Math.max(max, p[0]);
        }
        return max - min;
    }
}
