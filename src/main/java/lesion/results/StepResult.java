package lesion.results;

import java.util.List;
import lesion.plan.Step;

/**
 * The results of one step on one network: the step's id, keyword and statement, the baseline
 * (the network before the step's ablations; for {@code evaluate}, the result itself), one row per
 * variant and the seconds it took. {@code instance} numbers the independently seeded networks
 * from 0, so a study with one network has only instance 0.
 */
public record StepResult(String stepId, String keyword, String statement, int instance, EvaluationRow baseline,
        List<VariantRow> rows, double seconds) {
    public StepResult {
        rows = List.copyOf(rows);
    }

    public static StepResult of(Step step, int instance, EvaluationRow baseline, List<VariantRow> rows,
            double seconds) {
        return new StepResult(step.id(), step.keyword(), step.statement(), instance, baseline, rows, seconds);
    }

    /** An {@code evaluate} step's result: the evaluation and no variants. */
    public static StepResult evaluation(Step step, int instance, EvaluationRow evaluation, double seconds) {
        return of(step, instance, evaluation, List.of(), seconds);
    }

    public boolean isEvaluation() {
        return keyword.equals("evaluate");
    }
}
