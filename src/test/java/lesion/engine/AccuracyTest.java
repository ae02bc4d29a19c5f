package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import lesion.results.Scores;
import org.junit.jupiter.api.Test;

class AccuracyTest {

    @Test
    void smallMlpLearnsMnist() {
        Dataset data = TestData.mnist().limit(10_000, 10_000);
        TrainedModel model = new Trainer().train(TestData.mlp("relu", true, 784, 20, 10, 10),
                TrainSpec.adam(3, 64, 0.005, 42), data);
        Scores s = model.trained().evaluate(data);
        assertTrue(s.top1() > 0.85, "top-1 " + s.top1());
        assertTrue(s.top5() > s.top1() && s.top5() > 0.97, "top-5 " + s.top5());
    }
}
