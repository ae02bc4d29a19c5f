package lesion.bench;

import java.io.PrintWriter;
import lesion.engine.Cancellation;
import lesion.engine.Dataset;
import lesion.engine.MlpSpec;
import lesion.engine.Network;
import lesion.engine.ProgressListener;
import lesion.engine.TrainSpec;
import lesion.engine.Trainer;

/**
 * What every workload shares: MNIST, the settings, the measured matmul rate, the cancellation that Ctrl-C sets, a
 * log for progress lines, and the MLP (trained once for the {@code mlp} and {@code recovery} workloads).
 */
final class BenchContext {

    /** The paper's MLP: 784-20-10-10, ReLU, no biases. */
    static final MlpSpec MLP = new MlpSpec(new int[] {784, 20, 10, 10}, "relu", false);

    private final Dataset mnist;
    private final BenchSettings settings;
    private final double matmulGflops;
    private final Cancellation cancellation;
    private final PrintWriter log;
    private Dataset mlpData;
    private Network mlp;

    BenchContext(Dataset mnist, BenchSettings settings, double matmulGflops, Cancellation cancellation,
            PrintWriter log) {
        this.mnist = mnist;
        this.settings = settings;
        this.matmulGflops = matmulGflops;
        this.cancellation = cancellation;
        this.log = log;
    }

    Dataset mnist() {
        return mnist;
    }

    BenchSettings settings() {
        return settings;
    }

    double matmulGflops() {
        return matmulGflops;
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** Prints a progress line to the log at once. */
    void log(String line) {
        log.println("bench: " + line);
        log.flush();
    }

    /** MNIST as the MLP workloads use it: the training images and test images the settings allow. */
    Dataset mlpData() {
        if (mlpData == null) {
            mlpData = mnist.limit(settings.trainImages(mnist.trainSize()),
                    settings.testImages(mnist.testSize(), mnist.testSize()));
        }
        return mlpData;
    }

    /** The training the MLP gets: the settings' epochs (1 by default), adam 0.001, batch 64, the seed. */
    TrainSpec mlpTraining() {
        return TrainSpec.adam(settings.trainEpochs(), 64, 0.001, settings.seed());
    }

    /** {@link #MLP} trained as {@link #mlpTraining} says on {@link #mlpData}, once. */
    Network trainedMlp() {
        if (mlp == null) {
            log("training the MLP (" + settings.trainEpochs() + " epoch" + (settings.trainEpochs() == 1 ? "" : "s")
                    + " on " + mlpData().trainSize() + " images)");
            mlp = new Trainer(ProgressListener.NONE, cancellation).train(MLP, mlpTraining(), mlpData()).trained();
        }
        return mlp;
    }
}
