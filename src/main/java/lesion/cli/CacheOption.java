package lesion.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The cache folder for data and trained models: {@code --cache}, else {@code $LESION_CACHE}, else {@code ~/.cache/lesion}. */
public final class CacheOption {
    @Option(names = "--cache", paramLabel = "DIR",
            description = "where data and trained models are cached (default: $LESION_CACHE or ~/.cache/lesion)")
    Path cache;

    public Path resolve() {
        if (cache != null) {
            return cache;
        }
        String env = System.getenv("LESION_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "lesion");
    }
}
