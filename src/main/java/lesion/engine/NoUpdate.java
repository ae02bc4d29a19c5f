package lesion.engine;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DL4J updater configuration whose update is exactly zero, for the parameters of a layer that recovery freezes. DL4J's
 * own {@code NoOp} is not one: it passes the raw gradient through as the update (batch norm's running statistics
 * rely on that), and {@code Sgd(0)} gives -0 for negative gradients, which turns a -0 weight into +0. Here the
 * update is set to +0, and DL4J's step w - (+0) leaves every weight bit for bit as it was, -0 and NaN included,
 * whatever the gradient. L1/L2 terms are added to the gradient before this runs and are wiped with it; weight decay
 * is added after, which is why {@link RecoveryNet} also clears a frozen layer's regularisation.
 */
final class NoUpdate implements IUpdater {

    @Override
    public long stateSize(long numParams) {
        return 0;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        return new Zeroing(this);
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        return new Zeroing(this);
    }

    @Override
    public NoUpdate clone() {
        return new NoUpdate();
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return 0;
    }

    @Override
    public boolean hasLearningRate() {
        return false;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        throw new UnsupportedOperationException("a frozen layer has no learning rate");
    }

    @Override
    public boolean equals(Object o) {
        // DL4J groups parameters with equal updater configurations into one block
        return o instanceof NoUpdate;
    }

    @Override
    public int hashCode() {
        return NoUpdate.class.hashCode();
    }

    @Override
    public String toString() {
        return "NoUpdate";
    }

    /** The update rule: the update DL4J subtracts from the weights becomes +0. */
    private static final class Zeroing implements GradientUpdater<NoUpdate> {

        private final NoUpdate config;

        Zeroing(NoUpdate config) {
            this.config = config;
        }

        @Override
        public NoUpdate getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            if (state != null && !state.isEmpty()) {
                throw new IllegalStateException("a frozen layer's updater has no state");
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                boolean initialize) {
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            gradient.assign(0);
        }
    }
}
