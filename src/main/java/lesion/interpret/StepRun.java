package lesion.interpret;

import java.util.ArrayList;
import java.util.List;
import lesion.plan.AblateStep;
import lesion.plan.Step;
import lesion.results.CurveRow;
import lesion.results.Scores;
import lesion.results.VariantRow;

/**
 * One step being executed for one network: the rows of the variants it has finished so far (kept if the step is
 * cut short), the network's baseline scores and when it started.
 */
final class StepRun {
    final Step step;
    final int instance;
    final long start = System.nanoTime();
    // variants the step makes per network, or -1 for a step without variants (evaluate)
    final long planned;
    List<VariantRow> rows = new ArrayList<>();
    // a recover step's points, one per variant and epoch, kept as they come
    final List<CurveRow> curve = new ArrayList<>();
    Scores baseline;

    StepRun(Step step, int instance) {
        this.step = step;
        this.instance = instance;
        this.planned = step instanceof AblateStep a ? a.variants() : -1;
    }

    String id() {
        return step.id();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
