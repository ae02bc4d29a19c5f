package lesion.interpret;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import lesion.engine.Dataset;
import lesion.engine.TsneEmbedder;
import lesion.plan.EmbedStep;
import lesion.results.Embedding;

/**
 * The embeddings of a run (or a REPL session), shared by the executors of all its networks: an embedding depends on
 * the data and the step's seed alone, so the first network computes it (or reads it from the cache, see
 * {@link TsneEmbedder}) and every later one reuses it. Logs one line per embedding made: points, seconds, and
 * whether it was computed or cached. Reads the data only.
 */
final class Embeddings {
    private final TsneEmbedder embedder;
    private final Consumer<String> log;
    private final Map<String, Embedding> made = new HashMap<>();

    Embeddings(TsneEmbedder embedder, Consumer<String> log) {
        this.embedder = embedder;
        this.log = log;
    }

    /** The embedding {@code step} asks for, of {@code data}'s test images. */
    Embedding of(EmbedStep step, Dataset data) {
        if (!step.method().equals("tsne")) {
            throw new IllegalArgumentException("step " + step.id() + " ('" + step.statement() + "'): 'embed "
                    + step.method() + "' is not an embedding this version computes");
        }
        String key = data.contentHash() + " " + step.seed();
        Embedding done = made.get(key);
        if (done != null) {
            return done;
        }
        long start = System.nanoTime();
        Embedding embedding = embedder.embed(data, step.seed());
        log.accept(String.format(Locale.ROOT, "embed: t-SNE of %,d test images, %s in %.1f s", embedding.points(),
                embedding.cached() ? "taken from the cache" : "computed and cached",
                (System.nanoTime() - start) / 1e9));
        made.put(key, embedding);
        return embedding;
    }
}
