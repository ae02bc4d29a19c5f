package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stop rules, freeze ranges and spec checks of recovery, on constructed top-5 curves: no training. */
class StopRuleTest {

    /** The epoch after which {@code rule} stops on {@code curve} (top-5 after epochs 0, 1, ...), or -1. */
    private static int stopsAfter(StopRule rule, double... curve) {
        for (int e = 1; e < curve.length; e++) {
            if (rule.shouldStop(Arrays.copyOf(curve, e + 1))) {
                return e;
            }
        }
        return -1;
    }

    @Test
    void fixedEpochsStopAfterExactlyThatMany() {
        assertEquals(3, stopsAfter(StopRule.epochs(3), 0.5, 0.6, 0.7, 0.8, 0.9, 0.95));
        assertEquals(1, stopsAfter(StopRule.epochs(1), 0.5, 0.5));
        // zero epochs: the damaged network alone is already enough
        assertEquals(true, StopRule.epochs(0).shouldStop(new double[] {0.5}));
        assertEquals(false, StopRule.epochs(2).shouldStop(new double[] {0.5}));
    }

    @Test
    void plateauStopsWhenTheLastPatienceEpochsGainLessThanDelta() {
        Plateau rule = new Plateau(3, 0.5, 2, 10);
        // epoch 6 is 0.4 points above the best of epochs 0..4 (0.935): the first gain under 0.5 points over 2 epochs
        assertEquals(6, stopsAfter(rule, 0.50, 0.80, 0.90, 0.93, 0.935, 0.938, 0.939, 0.95, 0.96));
        // the same curve with a stronger epoch 6 runs on until the gains dry up
        assertEquals(8, stopsAfter(rule, 0.50, 0.80, 0.90, 0.93, 0.935, 0.938, 0.945, 0.946, 0.947, 0.99));
    }

    @Test
    void plateauWaitsForMinEpochsAndPatience() {
        double[] flat = {0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};
        assertEquals(3, stopsAfter(new Plateau(3, 0.05, 2, 10), flat));
        // with fewer min epochs than patience, the first epoch with a full window decides
        assertEquals(2, stopsAfter(new Plateau(1, 0.05, 2, 10), flat));
        assertEquals(5, stopsAfter(new Plateau(5, 0.05, 2, 10), flat));
    }

    @Test
    void plateauStopsAtMaxWhileStillImproving() {
        double[] rising = {0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80};
        assertEquals(4, stopsAfter(new Plateau(1, 0.05, 2, 4), rising));
    }

    @Test
    void aDropInTheLastEpochCountsAgainstTheWindow() {
        // epoch 3 was better than everything before, but epoch 4 falls below epoch 2's 0.90
        assertEquals(4, stopsAfter(new Plateau(1, 0.5, 2, 10), 0.50, 0.80, 0.90, 0.95, 0.85, 0.99));
        // a worse epoch 0 than later: the damaged network is part of "the best before the window"
        assertEquals(2, stopsAfter(new Plateau(1, 0.5, 1, 10), 0.95, 0.96, 0.90));
    }

    @Test
    void anImprovementOfExactlyDeltaIsEnough() {
        // one more image in 1,000 is 0.1 points, whatever floating point makes of 901/1000 - 900/1000
        Plateau rule = new Plateau(1, 0.1, 1, 10);
        assertEquals(-1, stopsAfter(rule, 900 / 1000.0, 901 / 1000.0, 902 / 1000.0, 903 / 1000.0));
        // one image in 1,001 is 0.0999 points: not enough
        assertEquals(1, stopsAfter(rule, 900 / 1001.0, 901 / 1001.0));
    }

    @Test
    void plateauChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Plateau(5, 0.05, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> new Plateau(1, 0.05, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new Plateau(1, -0.05, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new Plateau(0, Double.NaN, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new Plateau(0, 0.05, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> StopRule.epochs(-1));
        assertEquals("until plateau min 5 epochs delta 0.05% patience 2 max 30 epochs",
                StopRule.plateau(5, 0.05, 2, 30).toString());
    }

    @Test
    void freezeMarksLayersRelativeToTheAblatedOne() {
        assertArrayEquals(new boolean[] {false, false, true, true}, Freeze.ABOVE.frozenLayers(1, 4));
        assertArrayEquals(new boolean[] {true, false, false, false}, Freeze.BELOW.frozenLayers(1, 4));
        assertArrayEquals(new boolean[] {false, false, false, false}, Freeze.NONE.frozenLayers(1, 4));
        assertArrayEquals(new boolean[] {false, true, true, false}, Freeze.layers(1, 2).frozenLayers(3, 4));
        // above the output layer there is nothing
        assertArrayEquals(new boolean[] {false, false, false}, Freeze.ABOVE.frozenLayers(2, 3));
        assertEquals(Freeze.layers(0, 3), Freeze.of("LAYERS", 0, 3));
        assertEquals(Freeze.ABOVE, Freeze.of("above", 0, 0));
        assertEquals("layers 0..3", Freeze.layers(0, 3).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Freeze.layers(2, 5).frozenLayers(0, 4));
        assertEquals("cannot freeze layers 2..5: the network has layers 0..3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Freeze.layers(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Freeze.of("sideways", 0, 0));
    }

    @Test
    void specChecksTheOptimiserAsTrainingDoes() {
        RecoverySpec spec = RecoverySpec.sgd(StopRule.epochs(3), 32, 0.01, 0.9, 7, Freeze.ABOVE, false);
        assertEquals(TrainSpec.sgd(3, 32, 0.01, 0.9, 7), spec.training());
        assertEquals(TrainSpec.adam(30, 64, 0.001, 1),
                RecoverySpec.adam(StopRule.plateau(5, 0.05, 2, 30), 64, 0.001, 1, Freeze.NONE, true).training());
        assertThrows(IllegalArgumentException.class,
                () -> RecoverySpec.adam(StopRule.epochs(3), 0, 0.001, 1, Freeze.NONE, false));
        assertThrows(IllegalArgumentException.class,
                () -> RecoverySpec.adam(StopRule.epochs(3), 32, -1, 1, Freeze.NONE, false));
        assertThrows(IllegalArgumentException.class,
                () -> new RecoverySpec(StopRule.epochs(3), 32, "adam", 0.001, 0.9, 1, Freeze.NONE, false));
        assertThrows(IllegalArgumentException.class,
                () -> RecoverySpec.adam(StopRule.epochs(3), 32, 0.001, 1, null, false));
    }
}
