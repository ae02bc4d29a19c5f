package lesion.interpret;

import java.io.IOException;
import java.nio.file.Path;
import lesion.engine.Architecture;
import lesion.engine.Cancellation;
import lesion.engine.Dataset;
import lesion.engine.EngineException;
import lesion.engine.FashionStore;
import lesion.engine.IdxDataset;
import lesion.engine.MlpSpec;
import lesion.engine.MnistStore;
import lesion.engine.ModelCache;
import lesion.engine.ModelFiles;
import lesion.engine.Network;
import lesion.engine.NpzWeights;
import lesion.engine.ProgressListener;
import lesion.engine.TrainSpec;
import lesion.engine.TrainedModel;
import lesion.engine.Vgg19Spec;
import lesion.engine.Trainer;
import lesion.engine.ZooStore;
import lesion.results.Sha256;
import lesion.plan.DataPlan;
import lesion.plan.ModelPlan;
import lesion.plan.Plan;
import lesion.plan.TrainPlan;

/**
 * Prepares what a plan's steps work on: the data (fetched and verified on first use) and the
 * network, trained or taken from the model cache, with its initial weights kept, or read from a
 * model file (file, keras, zoo), which runs as saved.
 */
public final class Workbench {
    private final Path cacheRoot;
    private final ProgressListener progress;
    private final Cancellation cancellation;

    public Workbench(Path cacheRoot, ProgressListener progress, Cancellation cancellation) {
        this.cacheRoot = cacheRoot;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    public Dataset loadData(Plan plan) {
        DataPlan d = plan.data();
        Dataset full = switch (d.source()) {
            case "idx" -> IdxDataset.load(plan.baseDir().resolve(d.folder()).normalize());
            case "fashion" -> new FashionStore(cacheRoot).load();
            default -> new MnistStore(cacheRoot).load();
        };
        int train = d.limitTrain() == DataPlan.NO_LIMIT ? full.trainSize() : d.limitTrain();
        int test = d.limitTest() == DataPlan.NO_LIMIT ? full.testSize() : d.limitTest();
        return train == full.trainSize() && test == full.testSize() ? full : full.limit(train, test);
    }

    /** What the engine builds for the study's model; the data fixes a VGG's input shape and classes. */
    public static Architecture architecture(ModelPlan model, Dataset data) {
        if (model.kind().equals("vgg19")) {
            int[] shape = data.imageShape();
            return new Vgg19Spec(model.batchNorm(), model.width(), shape[0], shape[1], shape[2], data.numClasses());
        }
        return new MlpSpec(model.sizes(), model.activation(), model.bias());
    }

    public static TrainSpec trainSpec(TrainPlan t, long seed) {
        return t.optimizer().equals("sgd") ? TrainSpec.sgd(t.epochs(), t.batch(), t.rate(), t.momentum(), seed)
                : TrainSpec.adam(t.epochs(), t.batch(), t.rate(), seed);
    }

    /**
     * The network of instance 0: from the cache, freshly trained, or untrained when the study does not train. With
     * {@code weights "w.npz"} the declared network gets the file's weights ({@link NpzWeights}) and training, if
     * any, starts from them; they are then also the initial weights (for {@code by mannwhitney}).
     */
    public Prepared prepareNetwork(Plan plan, Dataset data, java.util.function.Consumer<String> log) {
        return prepareNetwork(plan, data, 0, log);
    }

    /** Network {@code instance} (from 0) of the study's {@code instances N}, seeded by {@link Plan#networkSeed}. */
    public Prepared prepareNetwork(Plan plan, Dataset data, int instance, java.util.function.Consumer<String> log) {
        if (isModelFile(plan.model())) {
            return loadModelFile(plan.model(), plan.baseDir());
        }
        Architecture spec = architecture(plan.model(), data);
        long seed = plan.networkSeed(instance);
        NpzWeights weights = plan.model().weights() == null ? null
                : NpzWeights.read(plan.baseDir().resolve(plan.model().weights()).normalize());
        String weightsSha256 = weights == null ? null : weights.sha256();
        if (plan.train() == null) {
            Network untrained = Trainer.untrained(spec, seed);
            if (weights != null) {
                weights.copyInto(untrained);
            }
            return new Prepared(new TrainedModel(untrained, untrained, false), null, weightsSha256);
        }
        ModelCache cache = new ModelCache(cacheRoot, log);
        TrainSpec train = trainSpec(plan.train(), seed);
        String key = cache.key(spec, train, data, weights);
        TrainedModel model = cache.getOrTrain(spec, train, data, new Trainer(progress, cancellation), weights);
        return new Prepared(model, key, weightsSha256);
    }

    /** Whether the model is read from a file (file, keras, zoo) rather than built and trained. */
    public static boolean isModelFile(ModelPlan model) {
        return switch (model.kind()) {
            case "file", "keras", "zoo" -> true;
            default -> false;
        };
    }

    /**
     * A model read from a file; it has no initial weights, so "initial" is the loaded network too. A zoo file is
     * downloaded if missing (check normally did that already).
     */
    private static Prepared loadModelFile(ModelPlan model, Path baseDir) {
        if (model.kind().equals("zoo")) {
            ZooStore store = ZooStore.dl4j();
            Network net = ModelFiles.zoo(store, model.zoo(), true);
            Path file = store.fileOf(store.entry(model.zoo()));
            return new Prepared(new TrainedModel(net, net, false), null, null, file, sha256(file));
        }
        Path file = baseDir.resolve(model.file()).normalize();
        String written = model.file().toString();
        Network net = model.kind().equals("keras") ? ModelFiles.keras(file, written) : ModelFiles.dl4j(file, written);
        return new Prepared(new TrainedModel(net, net, false), null, null, file, sha256(file));
    }

    private static String sha256(Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            throw new EngineException("cannot read model file " + file + " to hash it: " + e.getMessage(), e);
        }
    }

    /**
     * A network ready for the steps, the model-cache key it was stored under (null if untrained or read from a
     * file), the SHA-256 of the weights file it was loaded from (null without {@code weights}), and the model file
     * it was read from with its SHA-256 (both null for a built-in model).
     */
    public record Prepared(TrainedModel model, String cacheKey, String weightsSha256, Path modelFile,
            String modelFileSha256) {
        public Prepared(TrainedModel model, String cacheKey) {
            this(model, cacheKey, null, null, null);
        }

        public Prepared(TrainedModel model, String cacheKey, String weightsSha256) {
            this(model, cacheKey, weightsSha256, null, null);
        }
    }
}
