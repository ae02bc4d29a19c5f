package lesion.interpret;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lesion.engine.Ablation;
import lesion.engine.Cancellation;
import lesion.engine.CancelledException;
import lesion.engine.Dataset;
import lesion.engine.EngineException;
import lesion.engine.EngineInfo;
import lesion.engine.Network;
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
import lesion.results.Manifest;
import lesion.results.ResultWriter;
import lesion.results.RunDirectory;
import lesion.results.Scores;
import lesion.results.StepResult;
import lesion.results.VariantRow;
import lesion.select.Chosen;
import lesion.select.SeedScope;
import lesion.select.Selector;

/**
 * Runs a plan into a run directory: prepares data and network, executes the steps in order and
 * writes each step's results and the manifest as soon as the step ends, so that an interrupted
 * or failed run keeps everything finished before it. Of the step that is cut short, the variants
 * it finished are written too, under the step's usual file names, and the manifest marks the step
 * {@code interrupted} (or {@code failed}) with how many of its variants were done. Only result rows
 * are kept in memory, never a variant's per-image scores.
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

    /**
     * How a run ended, with the results of the steps that finished; a step cut short is not among them (its
     * finished variants are on disk and counted in the manifest). {@code failedStep} is the id of the step that
     * was cut short or failed, or {@code set-up}.
     */
    public record Outcome(Manifest.RunStatus status, List<StepResult> results, String failedStep, String message) {
    }

    /**
     * Runs the plan. Never throws for a failure inside the run (bad data, an engine error, a bug, running out of
     * memory): the outcome says {@code failed} with the message, and the manifest records it. Throws only when the
     * run directory cannot be written.
     */
    public Outcome run(Plan plan, String studyText, Path studyFile, RunDirectory dir) throws IOException {
        dir.writeStudy(studyText);
        dir.writePlan(plan.render());
        Map<String, String> engine = EngineInfo.describe();
        Manifest manifest = new Manifest(dir.path()).backend(engine)
                .threads(threads(System.getenv("OMP_NUM_THREADS"), engine))
                .study(plan.title(), studyFile, studyText, plan.seed()).declareSteps(plan);
        manifest.write();
        List<StepResult> results = new ArrayList<>();
        StepRun current = null; // null during the set-up
        try {
            Dataset data = workbench.loadData(plan);
            manifest.dataFiles(data.fileHashes());
            log.printf(Locale.ROOT, "data: %s, %,d training and %,d test images%n", plan.data().source(),
                    data.trainSize(), data.testSize());
            Workbench.Prepared prepared = workbench.prepareNetwork(plan, data, msg -> log.println("lesion: " + msg));
            Network network = prepared.model().trained();
            manifest.model(network.paramsSha256(), prepared.cacheKey());
            if (prepared.weightsSha256() != null) {
                manifest.weights(plan.model().weights().toString(), prepared.weightsSha256());
                log.println("model: weights loaded from " + plan.model().weights());
            }
            manifest.modelFile(prepared.modelFile(), prepared.modelFileSha256());
            log.flush();
            manifest.write();
            if (prepared.modelFile() != null) {
                log.println("model: read from " + prepared.modelFile());
            }
            if (plan.train() != null) {
                log.println(prepared.model().fromCache() ? "model: trained network taken from the cache ("
                        + prepared.cacheKey().substring(0, 12) + ")" : "model: trained and cached");
            }
            Scores baseline = null;
            for (Step step : plan.steps()) {
                current = new StepRun(step);
                if (current.planned >= 0) {
                    manifest.stepStarted(step.id(), current.planned);
                } else {
                    manifest.stepStarted(step.id());
                }
                // so that a run killed without warning still shows which step it was in
                manifest.write();
                if (baseline == null) {
                    baseline = network.evaluate(data);
                }
                current.baseline = baseline;
                StepResult result = execute(current, prepared.model(), data);
                List<Path> files = writer.write(dir.path(), result);
                results.add(result);
                if (current.planned >= 0) {
                    manifest.stepDone(step.id(), current.seconds(), files, result.rows().size());
                } else {
                    manifest.stepDone(step.id(), current.seconds(), files);
                }
                manifest.write();
            }
            current = null;
            manifest.finish(Manifest.RunStatus.COMPLETE, null);
            manifest.write();
            return new Outcome(Manifest.RunStatus.COMPLETE, results, null, null);
        } catch (CancelledException e) {
            if (current != null) {
                List<Path> files = keepPartial(current, dir);
                if (current.planned >= 0) {
                    manifest.stepInterrupted(current.id(), current.seconds(), files, current.rows.size());
                } else {
                    manifest.stepInterrupted(current.id(), current.seconds());
                }
            }
            manifest.finish(Manifest.RunStatus.INTERRUPTED, "interrupted by the user during " + where(current));
            manifest.write();
            return new Outcome(Manifest.RunStatus.INTERRUPTED, results, id(current),
                    "interrupted during " + where(current));
        } catch (OutOfMemoryError e) {
            // the rows of the step cut short are the one big thing still referenced here (the network, data and
            // sweep buffers went out of scope with the exception); drop them before recording needs memory
            long done = current == null ? 0 : current.rows.size();
            if (current != null) {
                current.rows = null;
                current.baseline = null;
            }
            String message = "out of memory during " + where(current) + "; try a smaller selection, a `limit test M`,"
                    + " or more heap via LESION_JAVA_OPTS=-Xmx…";
            return failed(manifest, current, message, List.of(), done, results);
        } catch (RuntimeException e) {
            String message = e instanceof EngineException || e instanceof IllegalArgumentException ? e.getMessage()
                    : unexpected(e, current);
            List<Path> files = current == null ? List.of() : keepPartial(current, dir);
            return failed(manifest, current, message, files, current == null ? 0 : current.rows.size(), results);
        } finally {
            progress.finish();
        }
    }

    /** The step being executed, and the rows of its variants finished so far (kept if the step is cut short). */
    private static final class StepRun {
        final Step step;
        final long start = System.nanoTime();
        // variants the step will make, or -1 for a step without variants (evaluate)
        final long planned;
        List<VariantRow> rows = new ArrayList<>();
        Scores baseline;

        StepRun(Step step) {
            this.step = step;
            this.planned = step instanceof AblateStep a ? a.variants() : -1;
        }

        String id() {
            return step.id();
        }

        double seconds() {
            return Executor.seconds(start);
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

    private StepResult execute(StepRun run, TrainedModel model, Dataset data) {
        Step step = run.step;
        if (step instanceof EvaluateStep) {
            return StepResult.evaluation(step, 0, EvaluationRow.of(run.baseline), run.seconds());
        }
        if (step instanceof AblateStep a) {
            UnitSweep sweep = new UnitSweep(progress, cancellation);
            for (LayerAblation layer : a.layers()) {
                int index = layer.layer().index();
                String name = layer.layer().name();
                List<Chosen> chosen = Selector.choose(layer.selection(), layer.layer().units(),
                        SeedScope.of(step.seed(), index), weightsOf(model, index));
                List<int[]> variants = chosen.stream().map(Chosen::units).toList();
                // the noise seed, like the selection's, derives from the step seed and the layer; the sweep adds
                // the variant's index and the unit
                Ablation method = Ablation.of(a.method().kind(), a.method().sigma(),
                        SeedScope.of(step.seed(), index).seed("noise"));
                // each variant's scores become a row at once: the sweep's per-image arrays are not kept
                String methodText = method.toString();
                sweep.runDetailed(model.trained(), data, index, method, variants,
                        (i, units, scores, silenced) -> run.rows.add(
                                VariantRow.of(step.id(), index, name, units, run.baseline, scores)
                                        .withSelection(chosen.get(i).label(), chosen.get(i).percent())
                                        .withMethod(methodText, silenced)));
            }
            return StepResult.of(step, 0, EvaluationRow.of(run.baseline), run.rows, run.seconds());
        }
        // Support.unsupported refuses such plans before the run starts.
        throw new IllegalStateException("step " + step.id() + " ('" + step.keyword() + "') cannot run");
    }

    /**
     * Writes the variants a step finished before it was cut short, under the file names of a finished step, and
     * returns the files; none when it finished no variant.
     */
    private List<Path> keepPartial(StepRun run, RunDirectory dir) throws IOException {
        if (run.rows.isEmpty() || run.baseline == null) {
            return List.of();
        }
        return writer.write(dir.path(),
                StepResult.of(run.step, 0, EvaluationRow.of(run.baseline), run.rows, run.seconds()));
    }

    private static Outcome failed(Manifest manifest, StepRun current, String message, List<Path> files,
            long variantsDone, List<StepResult> results) throws IOException {
        if (current != null) {
            if (current.planned >= 0) {
                manifest.stepFailed(current.id(), current.seconds(), message, files, variantsDone);
            } else {
                manifest.stepFailed(current.id(), current.seconds(), message);
            }
        }
        manifest.finish(Manifest.RunStatus.FAILED, message);
        manifest.write();
        return new Outcome(Manifest.RunStatus.FAILED, results, id(current), message);
    }

    /** A failure no check foresaw (a bug, or an engine error without its own message): what and where. */
    private static String unexpected(RuntimeException e, StepRun current) {
        StackTraceElement[] trace = e.getStackTrace();
        return "unexpected " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " during " + where(current) + (trace.length == 0 ? "" : " (at " + trace[0] + ")");
    }

    private static String id(StepRun run) {
        return run == null ? "set-up" : run.id();
    }

    private static String where(StepRun run) {
        return run == null ? "the set-up (data and training)" : "step " + run.id();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * The thread count to record: {@code OMP_NUM_THREADS} when set (the launcher pins it), else the count ND4J
     * reports ({@code nd4j.threads} of {@link EngineInfo#describe()}), else the core count.
     */
    static int threads(String ompNumThreads, Map<String, String> engine) {
        Integer fromEnv = positive(ompNumThreads);
        if (fromEnv != null) {
            return fromEnv;
        }
        Integer fromNd4j = positive(engine.get("nd4j.threads"));
        return fromNd4j != null ? fromNd4j : Runtime.getRuntime().availableProcessors();
    }

    private static Integer positive(String text) {
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
