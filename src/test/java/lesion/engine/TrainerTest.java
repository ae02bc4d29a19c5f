package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import lesion.results.Scores;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final MlpSpec SPEC = TestData.mlp("relu", true, 784, 20, 10, 10);

    @Test
    void trainingIsDeterministic() {
        TrainSpec train = TrainSpec.adam(2, 32, 0.005, 11);
        Dataset data = TestData.small();
        String first = new Trainer().train(SPEC, train, data).trained().paramsSha256();
        String second = new Trainer().train(SPEC, train, data).trained().paramsSha256();
        assertEquals(first, second, "same spec, seed and data must give bit-identical weights");
        String otherSeed = new Trainer().train(SPEC, TrainSpec.adam(2, 32, 0.005, 12), data).trained()
                .paramsSha256();
        assertNotEquals(first, otherSeed, "a different seed must give different weights");
    }

    @Test
    void keepsTheInitialWeights() {
        TrainSpec train = TrainSpec.adam(1, 64, 0.005, 3);
        TrainedModel model = new Trainer().train(SPEC, train, TestData.small());
        String initial = model.initial().paramsSha256();
        assertNotEquals(initial, model.trained().paramsSha256());
        assertEquals(Trainer.untrained(SPEC, 3).paramsSha256(), initial);
        assertNotEquals(Trainer.untrained(SPEC, 4).paramsSha256(), initial);
        // an untrained network is near chance, the trained one is not
        double before = model.initial().evaluate(TestData.small()).top1();
        double after = model.trained().evaluate(TestData.small()).top1();
        assertTrue(before < 0.3, "untrained top-1 " + before);
        assertTrue(after > 0.5, "trained top-1 " + after);
    }

    @Test
    void reportsEveryBatchAndStopsWhenCancelled() {
        TrainSpec train = TrainSpec.adam(3, 100, 0.005, 1);
        AtomicLong total = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        Cancellation cancel = new Cancellation();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void start(String task, long t, String unit) {
                total.set(t);
                assertEquals("batches", unit);
            }

            @Override
            public void advance(long n) {
                if (done.addAndGet(n) == 25) {
                    cancel.cancel();
                }
            }

            @Override
            public void finish() {
                finished.incrementAndGet();
            }
        };
        Trainer trainer = new Trainer(listener, cancel);
        assertThrows(CancelledException.class, () -> trainer.train(SPEC, train, TestData.small()));
        assertEquals(3 * 20, total.get(), "2,000 images in batches of 100 for 3 epochs");
        assertEquals(25, done.get());
        assertEquals(1, finished.get());
    }

    @Test
    void lastPartialBatchIsTrainedToo() {
        // 2,000 images in batches of 300: 6 full batches and one of 200
        AtomicLong done = new AtomicLong();
        ProgressListener count = new ProgressListener() {
            @Override
            public void start(String task, long t, String unit) {
                assertEquals(7, t);
            }

            @Override
            public void advance(long n) {
                done.addAndGet(n);
            }

            @Override
            public void finish() {
            }
        };
        new Trainer(count, Cancellation.none()).train(SPEC, TrainSpec.adam(1, 300, 0.005, 1), TestData.small());
        assertEquals(7, done.get());
    }

    @Test
    void sgdWithAndWithoutMomentumLearns() {
        Dataset data = TestData.small();
        Scores plain = new Trainer().train(SPEC, TrainSpec.sgd(2, 32, 0.1, 0, 5), data).trained().evaluate(data);
        TrainedModel momentum = new Trainer().train(SPEC, TrainSpec.sgd(2, 32, 0.02, 0.9, 5), data);
        double withMomentum = momentum.trained().evaluate(data).top1();
        assertTrue(plain.top1() > 0.5, "plain sgd top-1 " + plain.top1());
        assertTrue(withMomentum > 0.5, "momentum sgd top-1 " + withMomentum);
    }

    @Test
    void rejectsAModelThatDoesNotFitTheData() {
        EngineException e = assertThrows(EngineException.class, () -> new Trainer()
                .train(TestData.mlp("relu", true, 100, 10, 10), TrainSpec.adam(1, 32, 0.01, 1), TestData.small()));
        assertTrue(e.getMessage().contains("100 inputs") && e.getMessage().contains("784 pixels"), e.getMessage());
    }

    @Test
    void specsValidateTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> TestData.mlp("swish", true, 784, 10));
        assertThrows(IllegalArgumentException.class, () -> TestData.mlp("relu", true, 784));
        assertThrows(IllegalArgumentException.class, () -> new TrainSpec(1, 32, "adam", 0.01, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainSpec(1, 32, "rmsprop", 0.01, 0, 1));
        assertEquals("mlp 784,20,10 leakyrelu nobias", TestData.mlp("LeakyReLU", false, 784, 20, 10).canonical());
        assertEquals(TestData.mlp("relu", true, 784, 20, 10), TestData.mlp("relu", true, 784, 20, 10));
    }
}
