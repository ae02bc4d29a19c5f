package lesion.interpret;

import java.util.List;
import lesion.engine.Ablation;
import lesion.engine.Cancellation;
import lesion.engine.Dataset;
import lesion.engine.ProgressListener;
import lesion.engine.TrainedModel;
import lesion.engine.UnitSweep;
import lesion.engine.Weights;
import lesion.plan.AblateStep;
import lesion.plan.EvaluateStep;
import lesion.plan.LayerAblation;
import lesion.plan.Plan;
import lesion.plan.Step;
import lesion.results.EvaluationRow;
import lesion.results.StepResult;
import lesion.results.VariantRow;
import lesion.select.Chosen;
import lesion.select.SeedScope;
import lesion.select.Selector;

/**
 * Executes one step of a plan on one network: an evaluation, or an ablate step's sweeps, each variant's row
 * added to the {@link StepRun} as soon as it is scored.
 */
final class StepExecutor {
    private final ProgressListener progress;
    private final Cancellation cancellation;

    StepExecutor(ProgressListener progress, Cancellation cancellation) {
        this.progress = progress;
        this.cancellation = cancellation;
    }

    StepResult execute(StepRun run, TrainedModel model, Dataset data) {
        Step step = run.step;
        if (step instanceof EvaluateStep) {
            return StepResult.evaluation(step, run.instance, EvaluationRow.of(run.baseline), run.seconds());
        }
        if (step instanceof AblateStep a) {
            ablate(run, a, model, data);
            return StepResult.of(step, run.instance, EvaluationRow.of(run.baseline), run.rows, run.seconds());
        }
        // Support.unsupported refuses such plans before the run starts.
        throw new IllegalStateException("step " + step.id() + " ('" + step.keyword() + "') cannot run");
    }

    private void ablate(StepRun run, AblateStep a, TrainedModel model, Dataset data) {
        UnitSweep sweep = new UnitSweep(progress, cancellation);
        long seed = Plan.stepSeed(a, run.instance);
        for (LayerAblation layer : a.layers()) {
            int index = layer.layer().index();
            String name = layer.layer().name();
            SeedScope scope = SeedScope.of(seed, index);
            List<Chosen> chosen = Selector.choose(layer.selection(), layer.layer().units(), scope,
                    weightsOf(model, index));
            List<int[]> variants = chosen.stream().map(Chosen::units).toList();
            // the noise seed, like the selection's, derives from the step seed and the layer; the sweep adds the
            // variant's index and the unit
            Ablation method = Ablation.of(a.method().kind(), a.method().sigma(), scope.seed("noise"));
            String methodText = method.toString();
            // each variant's scores become a row at once: the sweep's per-image arrays are not kept
            sweep.runDetailed(model.trained(), data, index, method, variants,
                    (i, units, scores, silenced) -> run.rows.add(
                            VariantRow.of(a.id(), index, name, units, run.baseline, scores)
                                    .withSelection(chosen.get(i).label(), chosen.get(i).percent())
                                    .withMethod(methodText, silenced)));
        }
    }

    /** The layer's weights for choosing units, read only if the selection asks for them. */
    private static Selector.LayerWeights weightsOf(TrainedModel model, int layer) {
        return new Selector.LayerWeights() {
            public float[][] trained() {
                return Weights.incoming(model.trained(), layer);
            }

            public float[][] initial() {
                return Weights.incoming(model.initial(), layer);
            }
        };
    }
}
