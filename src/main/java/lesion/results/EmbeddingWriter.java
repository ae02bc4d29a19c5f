package lesion.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an {@code embed} step's embedding as {@code step-N-embed.csv}, with the conventions of
 * {@link ResultWriter} (RFC 4180, CRLF): one row per test image, {@code index, label, x, y}, coordinates with 6
 * decimals. One file for the step, however many networks ran it: the embedding depends on the data alone.
 */
final class EmbeddingWriter {
    private EmbeddingWriter() {
    }

    /** Writes (or replaces) the step's file from {@code result}'s embedding and returns its path. */
    static Path write(Path runDir, StepResult result) throws IOException {
        Path file = runDir.resolve(ResultWriter.baseName(result.stepId(), result.keyword()) + ".csv");
        AtomicFiles.write(file, csv(result.embedding()));
        return file;
    }

    static String csv(Embedding embedding) {
        int[] labels = embedding.labels();
        double[] x = embedding.x();
        double[] y = embedding.y();
        StringBuilder out = new StringBuilder(32 * labels.length);
        Csv.appendRow(out, List.of("index", "label", "x", "y"));
        for (int i = 0; i < labels.length; i++) {
            Csv.appendRow(out, List.of(Integer.toString(i), Integer.toString(labels[i]), Numbers.fixed(x[i], 6),
                    Numbers.fixed(y[i], 6)));
        }
        return out.toString();
    }
}
