package lesion.interpret;

import lesion.ast.Statement;
import lesion.ast.Study;
import lesion.check.LayerInfo;
import lesion.plan.AblateStep;
import lesion.plan.EvaluateStep;
import lesion.plan.LayerAblation;
import lesion.plan.Plan;
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
        if (plan.model().weights() != null) {
            out.error(spans.weights(), notYet("'weights'"));
        }
        if (plan.instances() > 1) {
            out.error(spans.instances(), notYet("'instances' above 1"));
        }
        for (Step step : plan.steps()) {
            if (step instanceof AblateStep && !allDense(plan)) {
                out.error(step.span(), notYet(kind.equals("vgg19") ? "ablating a vgg19 model"
                        : "ablating a network that is not all dense layers"),
                        kind.equals("vgg19") ? "this version trains and evaluates it" : "this version evaluates it");
                continue;
            }
            check(step, out);
        }
        return out;
    }

    private static void check(Step step, Diagnostics out) {
        if (step instanceof EvaluateStep) {
            return;
        }
        if (step instanceof AblateStep a) {
            // every method (zero, mask, mean, noise) runs on dense layers; nothing runs on other layers yet
            for (LayerAblation l : a.layers()) {
                if (!l.layer().isDense()) {
                    out.error(a.span(), notYet("ablating " + l.layer().type() + " layers"));
                    break;
                }
            }
            return;
        }
        out.error(step.span(), notYet("'" + step.keyword() + "'"));
    }

    /** Sweeps run on MLPs: every layer dense (the output layer included). */
    private static boolean allDense(Plan plan) {
        return plan.model().layers().layers().stream().allMatch(LayerInfo::isDense);
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
