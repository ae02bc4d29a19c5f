package lesion.interpret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lesion.engine.Ablation;
import lesion.engine.Cancellation;
import lesion.engine.Dataset;
import lesion.engine.Freeze;
import lesion.engine.Network;
import lesion.engine.ProgressListener;
import lesion.engine.Recovery;
import lesion.engine.RecoveryResult;
import lesion.engine.RecoverySpec;
import lesion.engine.StopRule;
import lesion.engine.TrainedModel;
import lesion.engine.UnitSweep;
import lesion.engine.Weights;
import lesion.plan.AblateStep;
import lesion.plan.AnalysisStep;
import lesion.plan.EmbedStep;
import lesion.plan.EvaluateStep;
import lesion.plan.LayerAblation;
import lesion.plan.Plan;
import lesion.plan.RecoverStep;
import lesion.plan.ReportStep;
import lesion.plan.RestoreStep;
import lesion.plan.Seeds;
import lesion.plan.Step;
import lesion.results.CurveRow;
import lesion.results.EvaluationRow;
import lesion.results.Scores;
import lesion.results.StepResult;
import lesion.results.VariantRow;
import lesion.select.Chosen;
import lesion.select.SeedScope;
import lesion.select.Selector;

/**
 * Executes the steps of a plan on one network, keeping what they leave for the next: the variants of the last
 * {@code ablate} as {@link Lineage}s. An {@code ablate} outside a {@code repeat} block (or in its first pass) starts
 * from the trained network; in a later pass, variant j of the statement continues lineage j (its network, with every
 * unit removed so far). {@code recover} retrains every lineage, each continuing from where the last recover of the
 * same lineage left it; {@code restore} drops them, back to the trained network. The rows of the latest
 * {@code each} and {@code pairs} sweeps of each layer stay for the analyses ({@link Analyses}). One executor per
 * network.
 */
final class StepExecutor {
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final Embeddings embeddings;
    private List<Lineage> lineages;
    private Analyses analyses = new Analyses();

    /** {@code embeddings}: shared by the executors of every network of the run, which reuse one embedding. */
    StepExecutor(ProgressListener progress, Cancellation cancellation, Embeddings embeddings) {
        this.progress = progress;
        this.cancellation = cancellation;
        this.embeddings = embeddings;
    }

    /** The lineages (null: none, as after a restore) and the sweeps kept for analyses at one moment, copied. */
    record Snapshot(List<Lineage> lineages, Analyses analyses) {
    }

    /**
     * What the steps so far have left (the lineages and the sweeps for analyses), as a copy that {@link #restore}
     * brings back: a step cut short can then leave the executor as it was before the step.
     */
    Snapshot snapshot() {
        return new Snapshot(copies(lineages), analyses.copy());
    }

    void restore(Snapshot snapshot) {
        lineages = copies(snapshot.lineages());
        analyses = snapshot.analyses().copy();
    }

    private static List<Lineage> copies(List<Lineage> of) {
        return of == null ? null : new ArrayList<>(of.stream().map(Lineage::copy).toList());
    }

    /** Runs {@code run}'s step; {@code pass} is the pass of the enclosing repeat block (from 1), 0 outside one. */
    StepResult execute(StepRun run, TrainedModel model, Dataset data, int pass) {
        Step step = run.step;
        if (step instanceof EvaluateStep) {
            return StepResult.evaluation(step, run.instance, EvaluationRow.of(run.baseline), run.seconds());
        }
        if (step instanceof AblateStep a) {
            if (pass > 1 && lineages != null) {
                ablateLineages(run, a, model, data, pass);
            } else {
                ablate(run, a, model, data, pass);
            }
            return StepResult.of(step, run.instance, EvaluationRow.of(run.baseline), run.rows, run.seconds());
        }
        if (step instanceof RecoverStep r) {
            recover(run, r, model, data, pass);
            return StepResult.recovery(step, run.instance, EvaluationRow.of(run.baseline), run.curve, run.seconds());
        }
        if (step instanceof ReportStep) {
            // the run copies its files to the folder when it ends, whatever steps come after this one
            return StepResult.of(step, run.instance, EvaluationRow.of(run.baseline), List.of(), run.seconds());
        }
        if (step instanceof RestoreStep) {
            lineages = null;
            return StepResult.of(step, run.instance, EvaluationRow.of(run.baseline), List.of(), run.seconds());
        }
        if (step instanceof AnalysisStep a) {
            return StepResult.analysis(step, run.instance, EvaluationRow.of(run.baseline),
                    analyses.run(a, model, run.instance), run.seconds());
        }
        if (step instanceof EmbedStep e) {
            return StepResult.embedding(step, run.instance, EvaluationRow.of(run.baseline), embeddings.of(e, data),
                    run.seconds());
        }
        // Support.unsupported refuses such plans before the run starts.
        throw new IllegalStateException("step " + step.id() + " ('" + step.keyword() + "') cannot run");
    }

    /**
     * An ablate on the trained network: one sweep per layer (sharing the network's prefix), every variant a new
     * lineage. Its each and pairs sweeps
     * are kept for the analyses once every layer's sweep has finished, so a step cut short leaves the last ones.
     */
    private void ablate(StepRun run, AblateStep a, TrainedModel model, Dataset data, int pass) {
        UnitSweep sweep = new UnitSweep(progress, cancellation);
        // the layers' sweeps share the network's prefix: each deeper one runs on from the last one's arrays
        UnitSweep.Prefix prefix = sweep.prefix(model.trained(), data);
        long seed = Plan.stepSeed(a, run.instance);
        List<Lineage> made = new ArrayList<>();
        Map<LayerAblation, List<VariantRow>> sweeps = new LinkedHashMap<>();
        for (LayerAblation layer : a.layers()) {
            int first = run.rows.size();
            int index = layer.layer().index();
            String name = layer.layer().name();
            SeedScope scope = pass > 0 ? SeedScope.of(seed, index).inPass(pass) : SeedScope.of(seed, index);
            List<Chosen> chosen = Selector.choose(layer.selection(), layer.layer().units(), scope,
                    weightsOf(model.trained(), model.initial(), index));
            List<int[]> variants = chosen.stream().map(Chosen::units).toList();
            // the noise seed, like the selection's, derives from the step seed and the layer; the sweep adds the
            // variant's index and the unit
            Ablation method = Ablation.of(a.method().kind(), a.method().sigma(), scope.seed("noise"));
            String methodText = method.toString();
            String suffix = pass > 0 ? " / pass " + pass : "";
            for (int i = 0; i < chosen.size(); i++) {
                made.add(new Lineage(index, name, layer.layer().units(), i, method, chosen.get(i).label(),
                        chosen.get(i).percent(), chosen.get(i).units()));
            }
            // each variant's scores become a row at once: the sweep's per-image arrays are not kept
            sweep.runDetailed(prefix, index, method, variants,
                    (i, units, scores, silenced) -> run.rows.add(
                            VariantRow.of(a.id(), index, name, units, run.baseline, scores)
                                    .withSelection(chosen.get(i).label() + suffix, chosen.get(i).percent())
                                    .withMethod(methodText, silenced)));
            sweeps.put(layer, List.copyOf(run.rows.subList(first, run.rows.size())));
        }
        lineages = made;
        sweeps.forEach((layer, rows) -> analyses.record(layer.layer().index(), layer.selection(), rows));
    }

    /** A later pass of a repeat block: variant j of the statement chosen on, and applied to, lineage j's network. */
    private void ablateLineages(StepRun run, AblateStep a, TrainedModel model, Dataset data, int pass) {
        UnitSweep sweep = new UnitSweep(progress, cancellation);
        long seed = Plan.stepSeed(a, run.instance);
        for (Lineage l : lineages) {
            LayerAblation layer = a.layers().stream().filter(x -> x.layer().index() == l.layer).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the ablate in pass " + pass
                            + " does not touch layer " + l.layer + " of the last pass"));
            // the lineage's network with every unit removed so far built into its weights
            Network damaged = Recovery.damaged(l.base == null ? model.trained() : l.base, l.layer, l.removed,
                    l.method);
            SeedScope scope = SeedScope.of(seed, l.layer).inPass(pass);
            List<Chosen> chosen = Selector.choose(layer.selection(), layer.layer().units(), scope,
                    weightsOf(damaged, model.initial(), l.layer));
            if (l.indexInLayer >= chosen.size()) {
                throw new IllegalStateException("pass " + pass + " made " + chosen.size() + " variants of layer "
                        + l.layer + ", fewer than the last pass");
            }
            Chosen pick = chosen.get(l.indexInLayer);
            Ablation method = Ablation.of(a.method().kind(), a.method().sigma(), scope.seed("noise"));
            String methodText = method.toString();
            sweep.runDetailed(damaged, data, l.layer, method, List.of(pick.units()),
                    (i, units, scores, silenced) -> run.rows.add(
                            VariantRow.of(a.id(), l.layer, l.layerName, units, run.baseline, scores)
                                    .withSelection(pick.label() + " / pass " + pass, pick.percent())
                                    .withMethod(methodText, silenced)));
            l.removeMore(pick.units(), damaged);
        }
    }

    private void recover(StepRun run, RecoverStep r, TrainedModel model, Dataset data, int pass) {
        if (lineages == null) {
            throw new IllegalStateException("'recover' needs an 'ablate' before it (after the last 'restore')");
        }
        long seed = Plan.stepSeed(r, run.instance);
        Recovery recovery = new Recovery(progress, cancellation);
        for (int j = 0; j < lineages.size(); j++) {
            Lineage l = lineages.get(j);
            // each variant shuffles its training data with a seed of its own
            RecoverySpec spec = spec(r, Seeds.derive(seed, "variant " + j + (pass > 0 ? " / pass " + pass : "")));
            RecoveryResult result = recovery.recover(l.base == null ? model.trained() : l.base, data,
                    l.damage(model.trained(), data), spec, (epoch, scores) -> run.curve.add(point(l, pass, epoch,
                            scores, run.baseline)));
            l.base = result.network();
        }
    }

    private static CurveRow point(Lineage l, int pass, int epoch, Scores scores, Scores baseline) {
        EvaluationRow now = EvaluationRow.of(scores);
        EvaluationRow before = EvaluationRow.of(baseline);
        return new CurveRow(l.layer, l.layerName, l.removed, l.selection, l.percent, l.method.toString(), pass,
                epoch, now.top1(), now.top5(), before.top1() - now.top1(), before.top5() - now.top5(), l.alive());
    }

    /** The engine's recovery settings for a recover step, shuffling with {@code seed}. */
    static RecoverySpec spec(RecoverStep r, long seed) {
        StopRule stop = r.untilPlateau()
                ? StopRule.plateau(r.minEpochs(), r.deltaPercent(), r.patience(), r.maxEpochs())
                : StopRule.epochs(r.maxEpochs());
        Freeze freeze = switch (r.freeze()) {
            case "above" -> Freeze.ABOVE;
            case "below" -> Freeze.BELOW;
            case "layers" -> Freeze.layers(r.freezeFrom(), r.freezeTo());
            default -> Freeze.NONE;
        };
        return r.training().optimizer().equals("sgd")
                ? RecoverySpec.sgd(stop, r.training().batch(), r.training().rate(), r.training().momentum(), seed,
                        freeze, r.regrow())
                : RecoverySpec.adam(stop, r.training().batch(), r.training().rate(), seed, freeze, r.regrow());
    }

    /** A layer's weights for choosing units, read only if the selection asks for them. */
    private static Selector.LayerWeights weightsOf(Network trained, Network initial, int layer) {
        return new Selector.LayerWeights() {
            public float[][] trained() {
                return Weights.incoming(trained, layer);
            }

            public float[][] initial() {
                return Weights.incoming(initial, layer);
            }
        };
    }
}
