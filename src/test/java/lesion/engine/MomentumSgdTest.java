package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

class MomentumSgdTest {

    @Test
    void appliesClassicalMomentum() {
        MomentumSgd config = new MomentumSgd(0.1, 0.9);
        INDArray state = Nd4j.zeros(1, 2);
        GradientUpdater<?> updater = config.instantiate(state, true);
        INDArray g = Nd4j.createFromArray(new float[] {1, 2}).reshape(1, 2);
        updater.applyUpdater(g, 0, 0);
        // v = 0.9*0 + 0.1*g; the update DL4J subtracts is v
        assertArrayEquals(new float[] {0.1f, 0.2f}, g.toFloatVector(), 1e-7f);
        INDArray g2 = Nd4j.createFromArray(new float[] {1, 1}).reshape(1, 2);
        updater.applyUpdater(g2, 1, 0);
        assertArrayEquals(new float[] {0.19f, 0.28f}, g2.toFloatVector(), 1e-6f);
    }

    @Test
    void survivesSavingAndLoading(@TempDir Path dir) {
        MlpSpec spec = TestData.mlp("relu", true, 784, 8, 10);
        Network net = new Trainer().train(spec, TrainSpec.sgd(1, 100, 0.05, 0.9, 1), TestData.small()).trained();
        Path file = dir.resolve("m.zip");
        net.save(file);
        Network back = Network.load(file);
        assertEquals(net.paramsSha256(), back.paramsSha256());
        Object updater = ((BaseLayer) back.dl4j().getLayer(0).conf().getLayer()).getIUpdater();
        assertEquals(new MomentumSgd(0.05, 0.9), updater);
    }
}
