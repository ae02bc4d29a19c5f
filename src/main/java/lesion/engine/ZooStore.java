package lesion.engine;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Adler32;
import java.util.zip.CheckedInputStream;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;

/**
 * The pretrained networks of {@code model zoo vgg16|vgg19|resnet50 imagenet}, kept where DL4J's own
 * {@code ZooModel.initPretrained} keeps them: {@code <DL4J's resource folder>/models/<model>/<file name of the
 * URL>}, the folder being {@code ~/.deeplearning4j} unless the system property
 * {@code org.deeplearning4j.resources.directory} says otherwise. A file found there is verified as DL4J verifies
 * it (the Adler32 checksum DL4J's zoo class declares) before it is used; a missing one is downloaded from the
 * zoo's URL when allowed, into a temporary file that is verified and then moved into place, so the cache never
 * holds a partial download. Unlike DL4J, a file that fails its checksum is reported and left alone (it may be one
 * the user placed by hand), and the download has timeouts (DL4J's waits without limit).
 */
public final class ZooStore {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    /**
     * A pretrained model: its name (also its folder in the cache), the URL it is downloaded from, the Adler32
     * checksum of the file, the file's name in the cache and the images it takes (channels, height, width), which
     * the saved network may not record.
     */
    public record Entry(String name, String url, long adler32, String fileName, int[] inputShape) {
    }

    private final Path root;
    private final Map<String, Entry> entries;

    /** A store under {@code root} (DL4J's resource folder) that knows {@code entries}, by study name. */
    public ZooStore(Path root, Map<String, Entry> entries) {
        this.root = root;
        this.entries = Map.copyOf(entries);
    }

    /** DL4J's cache folder and DL4J's ImageNet models, with the URLs and checksums DL4J's zoo classes declare. */
    public static ZooStore dl4j() {
        return new ZooStore(DL4JResources.getBaseDirectory().toPath(), Map.of("vgg16", imagenet(VGG16.builder().build()),
                "vgg19", imagenet(VGG19.builder().build()), "resnet50", imagenet(ResNet50.builder().build())));
    }

    @SuppressWarnings("deprecation") // metaData() is the only public way to the input shape in 1.0.0-M2.1
    private static Entry imagenet(ZooModel<?> model) {
        String url = model.pretrainedUrl(PretrainedType.IMAGENET);
        // DL4J names the cached file after the URL's last segment, in a folder named after the model's class
        return new Entry(model.modelName(), url, model.pretrainedChecksum(PretrainedType.IMAGENET),
                new File(url).getName(), model.metaData().getInputShape()[0].clone());
    }

    /** The entry for a study's model name; throws for a name the store does not know. */
    public Entry entry(String name) {
        Entry e = entries.get(name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new EngineException("the model zoo has no '" + name + "' here; it has " + String.join(", ",
                    entries.keySet().stream().sorted().toList()));
        }
        return e;
    }

    /** Where the entry's file is, or goes: the path DL4J's {@code initPretrained} uses. */
    public Path fileOf(Entry e) {
        return root.resolve(ResourceType.ZOO_MODEL.resourceName()).resolve(e.name()).resolve(e.fileName());
    }

    /**
     * The verified file of model {@code name}. When it is missing it is downloaded if {@code download} is true;
     * otherwise, or when the download fails, the error says where to place the file by hand.
     */
    public Path verifiedFile(String name, boolean download) {
        Entry e = entry(name);
        Path file = fileOf(e);
        if (!Files.isRegularFile(file)) {
            if (!download) {
                throw new EngineException("the pretrained zoo model " + e.name() + " is not in DL4J's cache: place "
                        + e.fileName() + " (from " + e.url() + ", Adler32 checksum " + e.adler32() + ") at " + file
                        + "; 'lesion run' downloads it when " + host(e.url()) + " can be reached");
            }
            download(e, file);
            return file;
        }
        long actual = adler32(file);
        if (e.adler32() != 0 && actual != e.adler32()) {
            throw new EngineException("the pretrained zoo model file " + file + " is damaged or incomplete: its "
                    + "Adler32 checksum is " + actual + " but DL4J expects " + e.adler32() + "; replace it with a "
                    + "good copy from " + e.url() + ", or delete it so that 'lesion run' downloads it again");
        }
        return file;
    }

    private static void download(Entry e, Path file) {
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            // in the same folder, so the final move is atomic and never leaves a partial file at the real name
            tmp = Files.createTempFile(file.getParent(), ".download-", ".tmp");
            URLConnection connection = new URL(e.url()).openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            long actual;
            try (CheckedInputStream in = new CheckedInputStream(connection.getInputStream(), new Adler32());
                    OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
                actual = in.getChecksum().getValue();
            }
            if (e.adler32() != 0 && actual != e.adler32()) {
                throw new EngineException("cannot download the pretrained zoo model " + e.name() + " from " + e.url()
                        + ": the download's Adler32 checksum is " + actual + " but DL4J expects " + e.adler32()
                        + "; " + placeByHand(e, file));
            }
            FileOps.moveAtomically(tmp, file);
            tmp = null;
        } catch (IOException | RuntimeException ex) {
            if (ex instanceof EngineException engine) {
                throw engine;
            }
            // an unknown host's message is the bare host name, which alone would not say what went wrong
            String why = ex instanceof java.net.UnknownHostException ? "cannot resolve the host " + host(e.url())
                    + ": no network or no DNS" : ModelReader.reason(ex);
            throw new EngineException("cannot download the pretrained zoo model " + e.name() + " from " + e.url()
                    + " (" + why + "); " + placeByHand(e, file), ex);
        } finally {
            if (tmp != null) {
                FileOps.deleteQuietly(tmp);
            }
        }
    }

    private static String placeByHand(Entry e, Path file) {
        return "place the file by hand at " + file + " (Adler32 checksum " + e.adler32() + ")";
    }

    private static String host(String url) {
        try {
            return new URL(url).getHost();
        } catch (IOException e) {
            return url;
        }
    }

    /** The checksum DL4J's zoo checks (commons-io's FileUtils.checksum with an Adler32). */
    static long adler32(Path file) {
        try (CheckedInputStream in = new CheckedInputStream(Files.newInputStream(file), new Adler32())) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.getChecksum().getValue();
        } catch (IOException e) {
            throw new EngineException("cannot read the pretrained zoo model file " + file + ": " + e.getMessage(), e);
        }
    }
}
