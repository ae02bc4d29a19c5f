package lesion.plan;

import lesion.check.LayerInfo;
import lesion.source.Span;

/** An analysis of earlier results on one layer: importance, redundancy or selectivity. */
public record AnalysisStep(String id, String statement, Span span, long seed, String kind, LayerInfo layer)
        implements Step {
    public String keyword() {
        return kind;
    }

    public long variants() {
        return 0;
    }

    public long forwardPasses() {
        return 0;
    }

    public Tree explain() {
        String what = switch (kind) {
            case "importance" -> "mann-whitney u p-value of each unit's incoming weights, initial vs trained, "
                    + "correlated with its single-unit drop";
            case "redundancy" -> "each pair's drop against the sum of its two single drops, overall and per class";
            default -> "per class, the spread over units of the class-specific drop";
        };
        return new Tree(heading()).add("layer " + layer.describe()).add(what);
    }
}
