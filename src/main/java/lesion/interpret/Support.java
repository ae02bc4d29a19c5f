package lesion.interpret;

import lesion.ast.Statement;
import lesion.ast.Study;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lesion.plan.AblateStep;
import lesion.plan.AnalysisStep;
import lesion.plan.EmbedStep;
import lesion.plan.EvaluateStep;
import lesion.plan.LayerAblation;
import lesion.plan.Plan;
import lesion.plan.RecoverStep;
import lesion.plan.RepeatStep;
import lesion.plan.ReportStep;
import lesion.plan.RestoreStep;
import lesion.plan.SelectionPlan;
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
        AblateStep[] last = {null};
        Map<String, Integer> sweeps = new HashMap<>();
        for (Step step : plan.steps()) {
            check(step, out, last, sweeps, 1);
        }
        return out;
    }

    /**
     * {@code last[0]}: the last ablate before this step, as the run will see it; {@code sweeps}: for the latest
     * {@code each} and {@code pairs} sweep of each layer (keys {@code "each 0"}, {@code "pairs 0"}), how many passes
     * ran it; {@code passes}: how many passes of the enclosing repeat block run this step (1 outside one).
     */
    private static void check(Step step, Diagnostics out, AblateStep[] last, Map<String, Integer> sweeps,
            int passes) {
        // every selection and method runs on dense units and conv filters
        if (step instanceof EvaluateStep || step instanceof RestoreStep || step instanceof EmbedStep) {
            return;
        }
        if (step instanceof AblateStep a) {
            last[0] = a;
            for (LayerAblation layer : a.layers()) {
                if (layer.selection() instanceof SelectionPlan.Each) {
                    sweeps.put("each " + layer.layer().index(), passes);
                } else if (layer.selection() instanceof SelectionPlan.Pairs) {
                    sweeps.put("pairs " + layer.layer().index(), passes);
                }
            }
            if (passes > 1 && heldInOutputs(a)) {
                // a later pass sweeps the lineage's network with the earlier units held: only weights hold them
                out.error(step.span(), notYet("'using " + a.method().kind() + "' in a 'repeat' of more than one pass"),
                        "repeat with 'using zero' or 'using mask'");
            }
            return;
        }
        if (step instanceof RecoverStep r) {
            if (last[0] != null && heldInOutputs(last[0])) {
                String method = last[0].method().kind();
                for (LayerAblation layer : last[0].layers()) {
                    if (layer.layer().type().equals("output")) {
                        // DL4J's output layer computes the loss from its own logits: no wrapper can hold them
                        out.error(step.span(), notYet("'recover' after 'using " + method + "' on the output layer (layer "
                                + layer.layer().index() + ", " + layer.layer().name() + ")"), "recover the output layer after 'using zero' or"
                                + " 'using mask'");
                    }
                }
                if (r.regrow()) {
                    out.error(step.span(), "'regrow' after 'using " + method + "' has nothing to regrow: " + method
                            + " changes no weights, it holds the units' outputs through training",
                            "remove 'regrow', or ablate with 'using zero' or 'using mask'");
                }
            }
            return;
        }
        if (step instanceof RepeatStep r) {
            for (Step body : r.body()) {
                check(body, out, last, sweeps, passes * r.count());
            }
            return;
        }
        if (step instanceof AnalysisStep a) {
            checkAnalysis(a, out, sweeps, passes);
            return;
        }
        if (step instanceof ReportStep) {
            // the run copies its files when it ends: nothing to refuse
            return;
        }
        out.error(step.span(), notYet("'" + step.keyword() + "'"));
    }

    /**
     * Errors for the statements that need a run directory, which a REPL session does not keep: {@code report}
     * copies a run's files when the run ends.
     */
    public static Diagnostics withoutRunDirectory(Plan plan) {
        Diagnostics out = new Diagnostics();
        for (ReportStep report : reports(plan.steps())) {
            out.error(report.span(), "'report' copies a run directory's files when the run ends, and the REPL keeps"
                    + " none", "run the study with 'lesion run', which writes report.html and copies it");
        }
        return out;
    }

    /** The plan's report steps, inside repeat blocks too, in plan order. */
    public static List<ReportStep> reports(List<Step> steps) {
        List<ReportStep> out = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof ReportStep r) {
                out.add(r);
            } else if (step instanceof RepeatStep repeat) {
                out.addAll(reports(repeat.body()));
            }
        }
        return out;
    }

    /**
     * An analysis reads the single (and pair) sweeps of the trained network: in a later pass of a repeat block a
     * sweep ablates a lineage's damaged network instead, and an analysis in one would run once per pass.
     */
    private static void checkAnalysis(AnalysisStep a, Diagnostics out, Map<String, Integer> sweeps, int passes) {
        if (passes > 1) {
            out.error(a.span(), notYet("'" + a.kind() + "' in a 'repeat' of more than one pass"),
                    "move it after the repeat block");
            return;
        }
        int layer = a.layer().index();
        for (String sweep : a.kind().equals("redundancy") ? new String[] {"each", "pairs"} : new String[] {"each"}) {
            if (sweeps.getOrDefault(sweep + " " + layer, 1) > 1) {
                out.error(a.span(), notYet("'" + a.kind() + "' of a 'units " + sweep + "' sweep in a 'repeat' of "
                        + "more than one pass"), "add 'ablate layer " + layer + " units " + sweep + ";' outside the "
                        + "repeat block, before the '" + a.kind() + "'");
            }
        }
    }

    /** Mean and noise ablations live in held outputs, not in weights. */
    private static boolean heldInOutputs(AblateStep a) {
        return a.method().kind().equals("mean") || a.method().kind().equals("noise");
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
