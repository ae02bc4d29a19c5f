package lesion.interpret;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lesion.analysis.AnalysisResult;
import lesion.analysis.Importance;
import lesion.analysis.Redundancy;
import lesion.analysis.Selectivity;
import lesion.analysis.UnitDrop;
import lesion.engine.TrainedModel;
import lesion.engine.Weights;
import lesion.plan.AnalysisStep;
import lesion.plan.SelectionPlan;
import lesion.results.VariantRow;

/**
 * Runs the analysis steps on one network from the results its earlier steps left: per layer, the rows of the latest
 * {@code units each} and {@code units pairs} sweeps (recorded by {@link StepExecutor} when an ablate on the trained
 * network finishes), and for {@code importance} the initial and trained incoming weights. Reads only: the rows, the
 * networks and the data stay as they were.
 */
final class Analyses {
    /** One finished sweep's rows of one layer. */
    private record Sweep(List<VariantRow> rows) {
    }

    private final Map<Integer, Sweep> singles = new HashMap<>();
    private final Map<Integer, Sweep> pairs = new HashMap<>();

    /** An independent copy (the rows themselves are immutable): what a REPL keeps to undo a statement. */
    Analyses copy() {
        Analyses c = new Analyses();
        c.singles.putAll(singles);
        c.pairs.putAll(pairs);
        return c;
    }

    /** Keeps {@code rows} (of {@code layer}) if {@code selection} is an each or pairs sweep: the latest wins. */
    void record(int layer, SelectionPlan selection, List<VariantRow> rows) {
        if (selection instanceof SelectionPlan.Each) {
            singles.put(layer, new Sweep(List.copyOf(rows)));
        } else if (selection instanceof SelectionPlan.Pairs) {
            pairs.put(layer, new Sweep(List.copyOf(rows)));
        }
    }

    /**
     * The analysis of {@code step} on {@code model}, network {@code instance}; an IllegalArgumentException naming the
     * statement when the sweeps it needs did not run before it (the checker normally prevents that).
     */
    AnalysisResult run(AnalysisStep step, TrainedModel model, int instance) {
        int layer = step.layer().index();
        String name = step.layer().name();
        int units = step.layer().units();
        List<UnitDrop> each = drops(needed(step, singles, "single-unit", "each", instance));
        return switch (step.kind()) {
            case "importance" -> Importance.of(layer, name, Weights.incoming(model.initial(), layer),
                    Weights.incoming(model.trained(), layer), each);
            case "redundancy" -> Redundancy.of(layer, name, units, each,
                    drops(needed(step, pairs, "pair", "pairs", instance)));
            case "selectivity" -> Selectivity.of(layer, name, units, each);
            default -> throw new IllegalArgumentException("step " + step.id() + " ('" + step.statement()
                    + "'): '" + step.kind() + "' is not an analysis this version runs");
        };
    }

    private static Sweep needed(AnalysisStep step, Map<Integer, Sweep> sweeps, String what, String selection,
            int instance) {
        Sweep sweep = sweeps.get(step.layer().index());
        if (sweep == null) {
            throw new IllegalArgumentException("step " + step.id() + " ('" + step.statement() + "') needs the "
                    + what + " ablations of layer " + step.layer().index() + " ('ablate layer "
                    + step.layer().index() + " units " + selection + ";' before it), but none ran on network "
                    + instance);
        }
        return sweep;
    }

    private static List<UnitDrop> drops(Sweep sweep) {
        return sweep.rows().stream()
                .map(v -> new UnitDrop(v.units(), v.top1Drop(), v.perClassTop1Drop(), v.newlyWrongSamples()))
                .toList();
    }
}
