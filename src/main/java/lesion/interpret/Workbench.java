package lesion.interpret;

import java.nio.file.Path;
import lesion.engine.Architecture;
import lesion.engine.Cancellation;
import lesion.engine.Dataset;
import lesion.engine.FashionStore;
import lesion.engine.IdxDataset;
import lesion.engine.MlpSpec;
import lesion.engine.MnistStore;
import lesion.engine.ModelCache;
import lesion.engine.Network;
import lesion.engine.NpzWeights;
import lesion.engine.ProgressListener;
import lesion.engine.TrainSpec;
import lesion.engine.TrainedModel;
import lesion.engine.Vgg19Spec;
import lesion.engine.Trainer;
import lesion.plan.DataPlan;
import lesion.plan.ModelPlan;
import lesion.plan.Plan;
import lesion.plan.TrainPlan;

/**
 * Prepares what a plan's steps work on: the data (fetched and verified on first use) and the
 * network, trained or taken from the model cache, with its initial weights kept.
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
        Architecture spec = architecture(plan.model(), data);
        long seed = plan.networkSeed(0);
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

    /**
     * A network ready for the steps, the model-cache key it was stored under (null if untrained) and the SHA-256 of
     * the weights file it was loaded from (null without {@code weights}).
     */
    public record Prepared(TrainedModel model, String cacheKey, String weightsSha256) {
        public Prepared(TrainedModel model, String cacheKey) {
            this(model, cacheKey, null);
        }
    }
}
