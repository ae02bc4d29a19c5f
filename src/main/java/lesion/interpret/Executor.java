package lesion.interpret;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lesion.engine.Cancellation;
import lesion.engine.CancelledException;
import lesion.engine.Dataset;
import lesion.engine.EngineException;
import lesion.engine.EngineInfo;
import lesion.engine.Network;
import lesion.engine.ProgressListener;
import lesion.engine.TrainedModel;
import lesion.engine.TsneEmbedder;
import lesion.plan.AblateStep;
import lesion.plan.Plan;
import lesion.plan.RepeatStep;
import lesion.plan.ReportStep;
import lesion.plan.RestoreStep;
import lesion.plan.Step;
import lesion.results.EvaluationRow;
import lesion.results.Manifest;
import lesion.results.ResultWriter;
import lesion.results.RunDirectory;
import lesion.results.Scores;
import lesion.results.StepResult;

/**
 * Runs a plan into a run directory: prepares data and network, executes the steps in order and
 * writes each step's results and the manifest as soon as the step ends, so that an interrupted
 * or failed run keeps everything finished before it. Of the step that is cut short, the variants
 * it finished are written too, under the step's usual file names, and the manifest marks the step
 * {@code interrupted} (or {@code failed}) with how many of its variants were done. Only result rows
 * are kept in memory, never a variant's per-image scores.
 */
public final class Executor {
    private final Path cacheRoot;
    private final Workbench workbench;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final PrintWriter log;
    private final ResultWriter writer = new ResultWriter();

    public Executor(Path cacheRoot, ProgressListener progress, Cancellation cancellation, PrintWriter log) {
        this.cacheRoot = cacheRoot;
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
        Progress state = new Progress(plan.instances());
        try {
            Dataset data = workbench.loadData(plan);
            manifest.dataFiles(data.fileHashes());
            log.printf(Locale.ROOT, "data: %s, %,d training and %,d test images%n", plan.data().source(),
                    data.trainSize(), data.testSize());
            Embeddings embeddings = embeddings();
            for (int instance = 0; instance < plan.instances(); instance++) {
                state.current = null;
                state.instance = instance;
                TrainedModel model = prepare(plan, data, instance, manifest);
                StepExecutor steps = new StepExecutor(progress, cancellation, embeddings);
                Scores baseline = model.trained().evaluate(data);
                for (Step step : plan.steps()) {
                    if (step instanceof RepeatStep repeat) {
                        started(manifest, repeat, instance, 1, plan.instances());
                        long start = System.nanoTime();
                        for (int pass = 1; pass <= repeat.count(); pass++) {
                            for (Step body : repeat.body()) {
                                runStep(body, instance, pass, repeat.count(), plan, steps, model, data, baseline,
                                        state, manifest, dir);
                            }
                        }
                        state.seconds.merge(repeat.id(), (System.nanoTime() - start) / 1e9, Double::sum);
                        if (instance == plan.instances() - 1) {
                            manifest.stepDoneByAll(repeat.id(), state.seconds(repeat.id()), List.of(), null,
                                    plan.instances());
                            manifest.write();
                        }
                    } else {
                        runStep(step, instance, 0, 1, plan, steps, model, data, baseline, state, manifest, dir);
                    }
                }
            }
            state.current = null;
            manifest.finish(Manifest.RunStatus.COMPLETE, null);
            manifest.write();
            return new Outcome(Manifest.RunStatus.COMPLETE, state.results, null, null);
        } catch (CancelledException e) {
            StepRun current = state.current;
            if (current != null) {
                List<Path> files = keepPartial(state, dir);
                double seconds = state.seconds(current.id()) + current.seconds();
                if (current.planned >= 0) {
                    manifest.stepInterrupted(current.id(), seconds, files, state.rowsWithPartial());
                } else {
                    manifest.stepInterrupted(current.id(), seconds, files);
                }
            }
            manifest.finish(Manifest.RunStatus.INTERRUPTED, "interrupted by the user during " + where(state));
            manifest.write();
            return new Outcome(Manifest.RunStatus.INTERRUPTED, state.results, id(current),
                    "interrupted during " + where(state));
        } catch (OutOfMemoryError e) {
            // the rows of the step cut short are the one big thing still referenced here (the network, data and
            // sweep buffers went out of scope with the exception); drop them before recording needs memory
            StepRun current = state.current;
            long done = current == null ? 0 : state.rowsWithPartial();
            if (current != null) {
                current.rows = null;
                current.baseline = null;
            }
            String message = "out of memory during " + where(state) + "; try a smaller selection, a `limit test M`,"
                    + " or more heap via LESION_JAVA_OPTS=-Xmx…";
            return failed(manifest, state, message, List.of(), done);
        } catch (RuntimeException e) {
            String message = e instanceof EngineException || e instanceof IllegalArgumentException ? e.getMessage()
                    : unexpected(e, state);
            List<Path> files = state.current == null ? List.of() : keepPartial(state, dir);
            return failed(manifest, state, message, files, state.current == null ? 0 : state.rowsWithPartial());
        } finally {
            progress.finish();
        }
    }

    /**
     * Runs one step for one network ({@code pass} of {@code passes} inside a repeat block, 0 of 1 outside), writes
     * the step's files over every network and pass so far, and records its progress in the manifest.
     */
    private void runStep(Step step, int instance, int pass, int passes, Plan plan, StepExecutor steps,
            TrainedModel model, Dataset data, Scores baseline, Progress state, Manifest manifest, RunDirectory dir)
            throws IOException {
        StepRun current = new StepRun(step, instance);
        state.current = current;
        started(manifest, step, instance, Math.max(1, pass), passes * plan.instances());
        current.baseline = baseline;
        StepResult result = steps.execute(current, model, data, pass);
        if (step instanceof RestoreStep || step instanceof ReportStep) {
            // nothing to write: restore only drops the ablated networks, report copies the files when the run ends
            state.seconds.merge(step.id(), current.seconds(), Double::sum);
            ended(manifest, step, instance, pass, passes, plan, state, List.of());
            return;
        }
        List<StepResult> all = state.finish(result, current.seconds(), pass > 1);
        ended(manifest, step, instance, pass, passes, plan, state, writer.write(dir.path(), all));
    }

    /** Marks a step started the first time any network reaches it. */
    private static void started(Manifest manifest, Step step, int instance, int pass, long runs) throws IOException {
        if (instance > 0 || pass > 1) {
            return;
        }
        long planned = step instanceof AblateStep a ? a.variants() : -1;
        if (planned >= 0) {
            manifest.stepStarted(step.id(), planned * runs);
        } else {
            manifest.stepStarted(step.id());
        }
        // so that a run killed without warning still shows which step it was in
        manifest.write();
    }

    private static void ended(Manifest manifest, Step step, int instance, int pass, int passes, Plan plan,
            Progress state, List<Path> files) throws IOException {
        Long variants = step instanceof AblateStep ? state.rows(step.id()) : null;
        boolean last = instance == plan.instances() - 1 && Math.max(1, pass) == passes;
        if (last) {
            manifest.stepDoneByAll(step.id(), state.seconds(step.id()), files, variants, plan.instances());
        } else {
            manifest.stepProgress(step.id(), state.seconds(step.id()), files, variants == null ? 0 : variants,
                    Math.max(1, pass) == passes ? instance + 1 : instance);
        }
        manifest.write();
    }

    /** The run's embeddings, made once for all its networks; what they do is logged. */
    private Embeddings embeddings() {
        TsneEmbedder embedder = new TsneEmbedder(cacheRoot, msg -> log.println("lesion: " + msg), cancellation);
        return new Embeddings(embedder, msg -> {
            log.println(msg);
            log.flush();
        });
    }

    /** Network {@code instance}, trained or from the cache, recorded in the manifest and the log. */
    private TrainedModel prepare(Plan plan, Dataset data, int instance, Manifest manifest) throws IOException {
        String who = plan.instances() > 1 ? "network " + instance + ": " : "";
        Workbench.Prepared prepared = workbench.prepareNetwork(plan, data, instance,
                msg -> log.println("lesion: " + who + msg));
        Network network = prepared.model().trained();
        if (instance == 0) {
            manifest.model(network.paramsSha256(), prepared.cacheKey());
        } else {
            manifest.instanceModel(instance, network.paramsSha256(), prepared.cacheKey());
        }
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
            log.println((who.isEmpty() ? "model: " : who) + (prepared.model().fromCache()
                    ? "trained network taken from the cache (" + prepared.cacheKey().substring(0, 12) + ")"
                    : "trained and cached"));
        }
        return prepared.model();
    }

    /**
     * What the run has done so far: the network being worked on, the step cut short (if any), each step's results
     * over the networks that finished it, and their seconds.
     */
    private static final class Progress {
        final int instances;
        int instance;
        StepRun current; // null during the set-up of a network
        final List<StepResult> results = new ArrayList<>();
        final Map<String, List<StepResult>> byStep = new LinkedHashMap<>();
        final Map<String, Double> seconds = new HashMap<>();

        Progress(int instances) {
            this.instances = instances;
        }

        /**
         * Records a finished step of one network; returns the step's results over every network so far. A later
         * pass of a repeat block ({@code laterPass}) adds its rows to the network's result of the earlier passes.
         */
        List<StepResult> finish(StepResult result, double stepSeconds, boolean laterPass) {
            seconds.merge(result.stepId(), stepSeconds, Double::sum);
            List<StepResult> all = byStep.computeIfAbsent(result.stepId(), k -> new ArrayList<>());
            if (laterPass && !all.isEmpty() && all.get(all.size() - 1).instance() == result.instance()) {
                StepResult merged = all.get(all.size() - 1).append(result);
                results.set(results.lastIndexOf(all.get(all.size() - 1)), merged);
                all.set(all.size() - 1, merged);
            } else {
                results.add(result);
                all.add(result);
            }
            return all;
        }

        double seconds(String stepId) {
            return seconds.getOrDefault(stepId, 0.0);
        }

        long rows(String stepId) {
            return byStep.getOrDefault(stepId, List.of()).stream()
                    .mapToLong(r -> r.rows().size() + r.curve().size()).sum();
        }

        /** Rows of the current step: the networks that finished it and the one cut short. */
        long rowsWithPartial() {
            return rows(current.id()) + (current.rows == null ? 0 : current.rows.size()) + current.curve.size();
        }
    }

    /**
     * Writes the step cut short: the networks that finished it and the variants the current one finished, under
     * the file names of a finished step; returns the files, none when there is nothing to keep.
     */
    private List<Path> keepPartial(Progress state, RunDirectory dir) throws IOException {
        StepRun run = state.current;
        List<StepResult> all = new ArrayList<>(state.byStep.getOrDefault(run.id(), List.of()));
        if (!run.curve.isEmpty() && run.baseline != null) {
            all.add(StepResult.recovery(run.step, run.instance, EvaluationRow.of(run.baseline), run.curve,
                    run.seconds()));
        } else if (run.rows != null && !run.rows.isEmpty() && run.baseline != null) {
            all.add(StepResult.of(run.step, run.instance, EvaluationRow.of(run.baseline), run.rows, run.seconds()));
        }
        return all.isEmpty() ? List.of() : writer.write(dir.path(), all);
    }

    private static Outcome failed(Manifest manifest, Progress state, String message, List<Path> files,
            long variantsDone) throws IOException {
        StepRun current = state.current;
        if (current != null) {
            double seconds = state.seconds(current.id()) + current.seconds();
            if (current.planned >= 0) {
                manifest.stepFailed(current.id(), seconds, message, files, variantsDone);
            } else {
                manifest.stepFailed(current.id(), seconds, message, files);
            }
        }
        manifest.finish(Manifest.RunStatus.FAILED, message);
        manifest.write();
        return new Outcome(Manifest.RunStatus.FAILED, state.results, id(current), message);
    }

    /** A failure no check foresaw (a bug, or an engine error without its own message): what and where. */
    private static String unexpected(RuntimeException e, Progress state) {
        if (System.getenv("LESION_DEBUG") != null) {
            // for bug reports: the whole trace, which the one-line message below cannot hold
            e.printStackTrace();
        }
        StackTraceElement[] trace = e.getStackTrace();
        return "unexpected " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " during " + where(state) + (trace.length == 0 ? "" : " (at " + trace[0] + ")");
    }

    private static String id(StepRun run) {
        return run == null ? "set-up" : run.id();
    }

    private static String where(Progress state) {
        String network = state.instances > 1 ? " of network " + state.instance : "";
        return state.current == null ? "the set-up (data and training" + network + ")"
                : "step " + state.current.id() + network;
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
