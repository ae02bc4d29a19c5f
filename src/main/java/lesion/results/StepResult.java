package lesion.results;

import java.util.List;
import lesion.analysis.AnalysisResult;
import lesion.plan.Step;

/**
 * The results of one step on one network: the step's id, keyword and statement, the baseline
 * (the network before the step's ablations; for {@code evaluate}, the result itself), one row per
 * variant, a recovery's curve, an analysis's result and an {@code embed} step's embedding (each null for
 * any other step) and the seconds it took. {@code instance} numbers the independently seeded networks
 * from 0, so a study with one network has only instance 0.
 */
public record StepResult(String stepId, String keyword, String statement, int instance, EvaluationRow baseline,
        List<VariantRow> rows, List<CurveRow> curve, AnalysisResult analysis, Embedding embedding,
        double seconds) {
    public StepResult {
        rows = List.copyOf(rows);
        curve = List.copyOf(curve);
    }

    public StepResult(String stepId, String keyword, String statement, int instance, EvaluationRow baseline,
            List<VariantRow> rows, List<CurveRow> curve, double seconds) {
        this(stepId, keyword, statement, instance, baseline, rows, curve, null, null, seconds);
    }

    public StepResult(String stepId, String keyword, String statement, int instance, EvaluationRow baseline,
            List<VariantRow> rows, double seconds) {
        this(stepId, keyword, statement, instance, baseline, rows, List.of(), seconds);
    }

    public static StepResult of(Step step, int instance, EvaluationRow baseline, List<VariantRow> rows,
            double seconds) {
        return new StepResult(step.id(), step.keyword(), step.statement(), instance, baseline, rows, seconds);
    }

    /** A {@code recover} step's result: one curve point per variant and epoch. */
    public static StepResult recovery(Step step, int instance, EvaluationRow baseline, List<CurveRow> curve,
            double seconds) {
        return new StepResult(step.id(), step.keyword(), step.statement(), instance, baseline, List.of(), curve,
                seconds);
    }

    /** An analysis step's result ({@code importance}, {@code redundancy}, {@code selectivity}) on one network. */
    public static StepResult analysis(Step step, int instance, EvaluationRow baseline, AnalysisResult analysis,
            double seconds) {
        return new StepResult(step.id(), step.keyword(), step.statement(), instance, baseline, List.of(), List.of(),
                analysis, null, seconds);
    }

    /** An {@code embed} step's result on one network: the embedding of the test images, the same for every network. */
    public static StepResult embedding(Step step, int instance, EvaluationRow baseline, Embedding embedding,
            double seconds) {
        return new StepResult(step.id(), step.keyword(), step.statement(), instance, baseline, List.of(), List.of(),
                null, embedding, seconds);
    }

    /** This result followed by {@code later}'s rows and curve (the passes of a {@code repeat} block). */
    public StepResult append(StepResult later) {
        List<VariantRow> r = new java.util.ArrayList<>(rows);
        r.addAll(later.rows);
        List<CurveRow> c = new java.util.ArrayList<>(curve);
        c.addAll(later.curve);
        return new StepResult(stepId, keyword, statement, instance, baseline, r, c, analysis, embedding,
                seconds + later.seconds);
    }

    public boolean isAnalysis() {
        return analysis != null;
    }

    public boolean isEmbedding() {
        return embedding != null;
    }

    public boolean isRecovery() {
        return keyword.equals("recover");
    }

    /** An {@code evaluate} step's result: the evaluation and no variants. */
    public static StepResult evaluation(Step step, int instance, EvaluationRow evaluation, double seconds) {
        return of(step, instance, evaluation, List.of(), seconds);
    }

    public boolean isEvaluation() {
        return keyword.equals("evaluate");
    }
}
