package lesion.interpret;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lesion.engine.Cancellation;
import lesion.engine.CancelledException;
import lesion.engine.Dataset;
import lesion.engine.EngineException;
import lesion.engine.EngineInfo;
import lesion.engine.Network;
import lesion.engine.ProgressListener;
import lesion.engine.UnitSweep;
import lesion.plan.AblateStep;
import lesion.plan.EvaluateStep;
import lesion.plan.LayerAblation;
import lesion.plan.Plan;
import lesion.plan.Step;
import lesion.plan.Variants;
import lesion.results.EvaluationRow;
import lesion.results.Manifest;
import lesion.results.ResultWriter;
import lesion.results.RunDirectory;
import lesion.results.Scores;
import lesion.results.StepResult;
import lesion.results.VariantRow;

/**
 * Runs a plan into a run directory: prepares data and network, executes the steps in order and
 * writes each step's results and the manifest as soon as the step ends, so that an interrupted
 * or failed run keeps everything finished before it.
 */
public final class Executor {
    private final Workbench workbench;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final PrintWriter log;
    private final ResultWriter writer = new ResultWriter();

    public Executor(Path cacheRoot, ProgressListener progress, Cancellation cancellation, PrintWriter log) {
        this.workbench = new Workbench(cacheRoot, progress, cancellation);
        this.progress = progress;
        this.cancellation = cancellation;
        this.log = log;
    }

    /** How a run ended, with the results of the steps that finished. */
    public record Outcome(Manifest.RunStatus status, List<StepResult> results, String failedStep, String message) {
    }

    public Outcome run(Plan plan, String studyText, Path studyFile, RunDirectory dir) throws IOException {
        dir.writeStudy(studyText);
        dir.writePlan(plan.render());
        Manifest manifest = new Manifest(dir.path()).backend(EngineInfo.describe()).threads(threads())
                .study(plan.title(), studyFile, studyText, plan.seed()).declareSteps(plan);
        manifest.write();
        List<StepResult> results = new ArrayList<>();
        String current = "set-up";
        long stepStart = System.nanoTime();
        try {
            Dataset data = workbench.loadData(plan);
            manifest.dataFiles(data.fileHashes());
            log.printf(Locale.ROOT, "data: %s, %,d training and %,d test images%n", plan.data().source(),
                    data.trainSize(), data.testSize());
            Workbench.Prepared prepared = workbench.prepareNetwork(plan, data, msg -> log.println("lesion: " + msg));
            Network network = prepared.model().trained();
            manifest.model(network.paramsSha256(), prepared.cacheKey());
            log.flush();
            manifest.write();
            if (plan.train() != null) {
                log.println(prepared.model().fromCache() ? "model: trained network taken from the cache ("
                        + prepared.cacheKey().substring(0, 12) + ")" : "model: trained and cached");
            }
            Scores baseline = null;
            for (Step step : plan.steps()) {
                current = step.id();
                stepStart = System.nanoTime();
                manifest.stepStarted(step.id());
                if (baseline == null) {
                    baseline = network.evaluate(data);
                }
                StepResult result = execute(step, network, data, baseline, stepStart);
                List<Path> files = writer.write(dir.path(), result);
                results.add(result);
                manifest.stepDone(step.id(), seconds(stepStart), files);
                manifest.write();
            }
            manifest.finish(Manifest.RunStatus.COMPLETE, null);
            manifest.write();
            return new Outcome(Manifest.RunStatus.COMPLETE, results, null, null);
        } catch (CancelledException e) {
            if (!current.equals("set-up")) {
                manifest.stepInterrupted(current, seconds(stepStart));
            }
            manifest.finish(Manifest.RunStatus.INTERRUPTED, "interrupted by the user during " + where(current));
            manifest.write();
            return new Outcome(Manifest.RunStatus.INTERRUPTED, results, current, "interrupted during " + where(current));
        } catch (EngineException | IllegalArgumentException e) {
            if (!current.equals("set-up")) {
                manifest.stepFailed(current, seconds(stepStart), e.getMessage());
            }
            manifest.finish(Manifest.RunStatus.FAILED, e.getMessage());
            manifest.write();
            return new Outcome(Manifest.RunStatus.FAILED, results, current, e.getMessage());
        } finally {
            progress.finish();
        }
    }

    private StepResult execute(Step step, Network network, Dataset data, Scores baseline, long start) {
        if (step instanceof EvaluateStep) {
            return StepResult.evaluation(step, 0, EvaluationRow.of(baseline), seconds(start));
        }
        if (step instanceof AblateStep a) {
            UnitSweep sweep = new UnitSweep(progress, cancellation);
            List<VariantRow> rows = new ArrayList<>();
            for (LayerAblation layer : a.layers()) {
                List<int[]> variants = Variants.enumerate(layer.selection());
                List<Scores> scores = sweep.run(network, data, layer.layer().index(), variants);
                for (int i = 0; i < variants.size(); i++) {
                    rows.add(VariantRow.of(step.id(), layer.layer().index(), layer.layer().name(), variants.get(i),
                            baseline, scores.get(i)));
                }
            }
            return StepResult.of(step, 0, EvaluationRow.of(baseline), rows, seconds(start));
        }
        // Support.unsupported refuses such plans before the run starts.
        throw new IllegalStateException("step " + step.id() + " ('" + step.keyword() + "') cannot run");
    }

    private static String where(String stepId) {
        return stepId.equals("set-up") ? "the set-up (data and training)" : "step " + stepId;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The OpenMP thread count the process was started with (the launcher pins it), or the core count. */
    static int threads() {
        String env = System.getenv("OMP_NUM_THREADS");
        try {
            return env == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
