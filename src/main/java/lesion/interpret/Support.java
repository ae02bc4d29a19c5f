package lesion.interpret;

import lesion.ast.Statement;
import lesion.ast.Study;
import lesion.plan.AblateStep;
import lesion.plan.EvaluateStep;
import lesion.plan.Plan;
import lesion.plan.RecoverStep;
import lesion.plan.RepeatStep;
import lesion.plan.RestoreStep;
import lesion.plan.Step;
import lesion.source.Diagnostics;
import lesion.source.Span;

/**
 * Says which parts of a valid plan this version can execute. A study that uses anything else is
 * refused before any work starts, with an error at the statement; check and plan accept it.
 */
public final class Support {
    private Support() {
    }

    /** Errors for every statement the engine cannot run yet (empty when the whole plan runs). */
    public static Diagnostics unsupported(Plan plan, Study study) {
        Diagnostics out = new Diagnostics();
        SetupSpans spans = SetupSpans.of(study);
        String kind = plan.model().kind();
        if (plan.model().layers().cannotRun() != null) {
            out.error(spans.model(), plan.model().layers().cannotRun());
        }
        if (Workbench.isModelFile(plan.model()) && plan.train() != null) {
            // a file model runs as saved; training it would need its optimiser state and a cache key of its own
            out.error(spans.train(), notYet("'train' on a model read from a file"),
                    "remove 'train': this version runs a file model as saved");
        }
        if (plan.model().weights() != null && !kind.equals("mlp") && !kind.equals("vgg19")) {
            out.error(spans.weights(), notYet("'weights' into a 'model " + kind + "'"),
                    "this version loads weights into 'model mlp' and 'model vgg19'");
        }
        if (plan.instances() > 1 && (Workbench.isModelFile(plan.model()) || plan.model().weights() != null)) {
            // every instance would be the same network: independent instances need seeded initial weights
            out.error(spans.instances(), notYet("'instances' above 1 with a model or weights read from a file"),
                    "instances are independently seeded networks; a file gives them all the same weights");
        }
        String[] lastMethod = {null};
        for (Step step : plan.steps()) {
            check(step, out, lastMethod);
        }
        return out;
    }

    /** {@code lastMethod[0]}: the method of the last ablate before this step, as the run will see it. */
    private static void check(Step step, Diagnostics out, String[] lastMethod) {
        // every selection and method runs on dense units and conv filters
        if (step instanceof EvaluateStep) {
            return;
        }
        if (step instanceof AblateStep a) {
            lastMethod[0] = a.method().kind();
            return;
        }
        if (step instanceof RecoverStep) {
            if ("mean".equals(lastMethod[0]) || "noise".equals(lastMethod[0])) {
                // recovery holds zero and mask exactly in the weights; a mean or noise output has no such form
                out.error(step.span(), notYet("'recover' after 'using " + lastMethod[0] + "'"),
                        "recover after 'using zero' or 'using mask'");
            }
            return;
        }
        if (step instanceof RestoreStep) {
            return;
        }
        if (step instanceof RepeatStep r) {
            for (Step body : r.body()) {
                check(body, out, lastMethod);
            }
            return;
        }
        out.error(step.span(), notYet("'" + step.keyword() + "'"));
    }

    private static String notYet(String what) {
        return what + " is not implemented yet in this version of lesion: 'check' and 'plan' accept it, 'run' does not";
    }

    /** Where the set-up statements are, for the messages above. */
    private record SetupSpans(Span data, Span model, Span weights, Span instances, Span train) {
        static SetupSpans of(Study study) {
            Span[] spans = {Span.NONE, Span.NONE, Span.NONE, Span.NONE, Span.NONE};
            for (Statement s : study.statements()) {
                int i = s instanceof Statement.Data ? 0 : s instanceof Statement.Model ? 1
                        : s instanceof Statement.Weights ? 2 : s instanceof Statement.Instances ? 3
                        : s instanceof Statement.Train ? 4 : -1;
                if (i >= 0) {
                    spans[i] = s.span();
                }
            }
            return new SetupSpans(spans[0], spans[1], spans[2], spans[3], spans[4]);
        }
    }
}
