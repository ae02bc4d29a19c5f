package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lesion.check.Activations;
import org.junit.jupiter.api.Test;

/** Every activation the checker accepts builds and runs: a study that checks must not fail on it at run time. */
class ActivationsTest {
    @Test
    void everyActivationTheCheckerAcceptsBuildsAndEvaluates() {
        for (String name : Activations.NAMES) {
            Network net = Trainer.untrained(new MlpSpec(new int[] {784, 5, 10}, name, true), 1);
            var scores = net.evaluate(TestData.small());
            assertEquals(1000, scores.size(), name);
            assertTrue(scores.top5() > 0, name);
        }
    }
}
