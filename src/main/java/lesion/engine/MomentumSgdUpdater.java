package lesion.engine;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/** The state and update rule of {@link MomentumSgd}: v = momentum*v + lr*g; DL4J then subtracts v from the weights. */
final class MomentumSgdUpdater implements GradientUpdater<MomentumSgd> {

    static final String VELOCITY = "V";

    private final MomentumSgd config;
    private INDArray velocity;

    MomentumSgdUpdater(MomentumSgd config) {
        this.config = config;
    }

    @Override
    public MomentumSgd getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> state, boolean initialize) {
        INDArray v = state.get(VELOCITY);
        if (v == null || state.size() != 1) {
            throw new IllegalStateException("momentum sgd state must hold exactly the array " + VELOCITY);
        }
        velocity = v;
        if (initialize) {
            velocity.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Map.of(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        velocity = viewArray;
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (velocity == null) {
            throw new IllegalStateException("momentum sgd updater has no state");
        }
        double lr = config.getLearningRate(iteration, epoch);
        // the state view and the gradient view cover the same parameters but may differ in rank; match shapes
        INDArray g = velocity.equalShapes(gradient) ? gradient : gradient.reshape(velocity.shape());
        velocity.muli(config.momentum()).addi(g.mul(lr));
        gradient.assign(velocity.equalShapes(gradient) ? velocity : velocity.reshape(gradient.shape()));
    }
}
