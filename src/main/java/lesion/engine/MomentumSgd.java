package lesion.engine;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DL4J updater configuration for SGD with classical (heavy-ball) momentum, which DL4J lacks (its Nesterovs is the
 * look-ahead variant). DL4J re-creates it by reflection (from the class name in the model JSON) when a saved model
 * is loaded, hence the no-argument constructor.
 */
final class MomentumSgd implements IUpdater {

    // fields (not getters) are what DL4J's JSON mapper serialises for updaters
    private double learningRate;
    private double momentum;

    /** For JSON deserialisation. */
    public MomentumSgd() {
    }

    MomentumSgd(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    double momentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        MomentumSgdUpdater updater = new MomentumSgdUpdater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        MomentumSgdUpdater updater = new MomentumSgdUpdater(this);
        updater.setState(state, initializeStateArrays);
        return updater;
    }

    @Override
    public MomentumSgd clone() {
        return new MomentumSgd(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("learning-rate schedules are not supported");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        // DL4J groups layers with equal updater configurations into one updater block
        return o instanceof MomentumSgd m && m.learningRate == learningRate && m.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "MomentumSgd(lr=" + learningRate + ", momentum=" + momentum + ")";
    }
}
