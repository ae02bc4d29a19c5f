package lesion.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import lesion.results.Sha256;

/**
 * Puts a data set's known files into its cache folder: the missing ones are fetched into a
 * temporary folder, each is checked against its known SHA-256, and only then are they moved
 * (atomically) into place, so the folder never holds a partial or unverified download.
 */
final class VerifiedDownload {
    private VerifiedDownload() {
    }

    /**
     * @param title    the data set's name in messages ("MNIST")
     * @param sha256   the known SHA-256 of every file, by name
     * @param fetch    fetches into the given work folder and returns the folder holding the files
     * @param manual   how to put the files in place by hand, appended to every error
     */
    static Path ensure(Path cacheRoot, Path dir, String title, List<String> names, Map<String, String> sha256,
            UnaryOperator<Path> fetch, String manual) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return dir;
        }
        Path work = null;
        try {
            Files.createDirectories(dir);
            // the temp folder sits inside the cache root so the final moves stay on one file system
            work = Files.createTempDirectory(cacheRoot, "." + dir.getFileName() + "-fetch-");
            Path fetched;
            try {
                fetched = fetch.apply(work);
            } catch (EngineException e) {
                throw new EngineException("cannot fetch " + title + ": " + e.getMessage() + "\n" + manual, e);
            }
            for (String name : missing) {
                Path file = fetched.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new EngineException("cannot fetch " + title + ": the download lacks " + name + "\n" + manual);
                }
                String actual = Sha256.hex(file);
                if (!actual.equals(sha256.get(name))) {
                    throw new EngineException("cannot fetch " + title + ": the downloaded " + name
                            + " does not match the known checksum (expected sha256 " + sha256.get(name) + ", found "
                            + actual + ")\n" + manual);
                }
            }
            for (String name : missing) {
                FileOps.moveAtomically(fetched.resolve(name), dir.resolve(name));
            }
            return dir;
        } catch (IOException e) {
            throw new EngineException("cannot set up the " + title + " cache in " + dir + ": " + e.getMessage() + "\n"
                    + manual, e);
        } finally {
            FileOps.deleteQuietly(work);
        }
    }
}
