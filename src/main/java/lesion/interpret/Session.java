package lesion.interpret;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lesion.ast.Statement;
import lesion.ast.Study;
import lesion.check.Checker;
import lesion.check.LayerInfo;
import lesion.check.ModelInspector;
import lesion.engine.Cancellation;
import lesion.engine.CancelledException;
import lesion.engine.Dataset;
import lesion.engine.EngineException;
import lesion.engine.ProgressListener;
import lesion.engine.TrainedModel;
import lesion.engine.TsneEmbedder;
import lesion.parse.ParseResult;
import lesion.parse.Parser;
import lesion.plan.Plan;
import lesion.plan.RepeatStep;
import lesion.plan.Step;
import lesion.results.EvaluationRow;
import lesion.results.Scores;
import lesion.results.StepResult;
import lesion.results.VariantRow;
import lesion.source.Diagnostic;
import lesion.source.DiagnosticPrinter;
import lesion.source.Diagnostics;
import lesion.source.Severity;
import lesion.source.SourceFile;
import lesion.source.Span;

/**
 * An interactive session: statements arrive a few at a time (a REPL's input), and each input is checked together
 * with everything accepted before it, planned, and its new steps run on the same data and networks, which are
 * prepared once (when a statement first needs them, or as soon as a {@code train} completes the set-up) and kept.
 *
 * <ul>
 *   <li>An input with a syntax or check error, or with a statement this version cannot run, is refused whole: the
 *       session stays as it was.</li>
 *   <li>Each statement that finishes becomes part of the session. A statement cut short (Ctrl-C) or failing does
 *       not: the executors are put back as they were before it, and the statements after it in the same input do
 *       not run. The variants it finished are still in the reply.</li>
 *   <li>The accepted text, in order, is a study that reproduces the session's results ({@link #studyText()}): the
 *       same seeds (they derive from the statements, not from when they were typed), data and networks.</li>
 * </ul>
 */
public final class Session {

    /** How an input ended. */
    public enum Status { OK, INVALID, NOT_RUNNABLE, INTERRUPTED, FAILED }

    /**
     * What one input did: its status, its diagnostics rendered with carets (errors, and warnings about the new
     * statements), the results of the steps it ran (with the variants of one cut short), and a message for an
     * interruption or failure (else null).
     */
    public record Reply(Status status, String diagnostics, List<StepResult> results, String message) {
        public Reply {
            results = List.copyOf(results);
        }
    }

    /** The name diagnostics give the session's text. */
    public static final String SOURCE_NAME = "session";

    private final Path cacheRoot;
    private final Path baseDir;
    private final ModelInspector inspector;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final PrintWriter log;

    private String accepted = "";
    private int stepsRun;
    private Prepared prepared;
    private final Map<String, List<StepResult>> resultsByStep = new LinkedHashMap<>();
    private List<StepResult> lastResults = List.of();
    private List<LayerInfo> layers = List.of();

    /** The data and networks the steps work on, for one set-up, and what the steps left on each network. */
    private record Prepared(String setup, Dataset data, List<TrainedModel> models, List<Scores> baselines,
            List<StepExecutor> executors) {
    }

    public Session(Path cacheRoot, Path baseDir, ModelInspector inspector, ProgressListener progress,
            Cancellation cancellation, PrintWriter log) {
        this.cacheRoot = cacheRoot;
        this.baseDir = baseDir;
        this.inspector = inspector;
        this.progress = progress;
        this.cancellation = cancellation;
        this.log = log;
    }

    /** Checks, plans and runs {@code text} (one or more statements) after everything accepted so far. */
    public Reply submit(String text) {
        cancellation.reset();
        String candidate = accepted.isEmpty() ? text : accepted + (accepted.endsWith("\n") ? "" : "\n") + text;
        int newFrom = candidate.length() - text.length();
        SourceFile source = new SourceFile(SOURCE_NAME, candidate);
        ParseResult parsed = Parser.parse(source);
        if (parsed.diagnostics().hasErrors()) {
            return new Reply(Status.INVALID, render(source, parsed.diagnostics(), newFrom), List.of(), null);
        }
        if (setupIncomplete(parsed.study())) {
            // 'seed 1;' and 'data mnist;' on their way to a model: nothing to check against yet
            accepted = candidate;
            return new Reply(Status.OK, "", List.of(), null);
        }
        Frontend.Compiled compiled = new Frontend(inspector).compile(source, baseDir);
        String diagnostics = render(source, compiled.diagnostics(), newFrom);
        if (!compiled.ok()) {
            return new Reply(Status.INVALID, diagnostics, List.of(), null);
        }
        layers = compiled.setup().layers() == null ? List.of() : compiled.setup().layers().layers();
        Diagnostics unsupported = Support.unsupported(compiled.plan(), compiled.study());
        unsupported.addAll(Support.withoutRunDirectory(compiled.plan()));
        if (unsupported.hasErrors()) {
            return new Reply(Status.NOT_RUNNABLE, diagnostics + render(source, unsupported, 0), List.of(), null);
        }
        return run(compiled, candidate, diagnostics);
    }

    /** Runs the plan's steps not run yet, accepting the text statement by statement as they finish. */
    private Reply run(Frontend.Compiled compiled, String candidate, String diagnostics) {
        Plan plan = compiled.plan();
        List<Step> steps = plan.steps();
        List<StepResult> results = new ArrayList<>();
        StepProgress current = null;
        try {
            if (stepsRun < steps.size() || plan.train() != null) {
                prepare(plan, compiled.study());
            }
            for (int i = stepsRun; i < steps.size(); i++) {
                Step step = steps.get(i);
                current = new StepProgress(step, prepared.executors().stream().map(StepExecutor::snapshot).toList());
                runStep(step, current);
                List<StepResult> done = current.finished;
                current = null;
                results.addAll(done);
                for (StepResult r : done) {
                    resultsByStep.computeIfAbsent(r.stepId(), k -> new ArrayList<>()).add(r);
                }
                stepsRun = i + 1;
                accepted = candidate.substring(0, step.span().endOffset());
            }
            accepted = candidate;
            lastResults = List.copyOf(results);
            return new Reply(Status.OK, diagnostics, results, null);
        } catch (CancelledException e) {
            return cutShort(Status.INTERRUPTED, current, results, diagnostics, "interrupted");
        } catch (EngineException | IllegalArgumentException e) {
            return cutShort(Status.FAILED, current, results, diagnostics, e.getMessage());
        } catch (RuntimeException e) {
            // a bug: the session goes on from where it was, and the message says what and where
            StackTraceElement[] trace = e.getStackTrace();
            return cutShort(Status.FAILED, current, results, diagnostics, "unexpected " + e.getClass().getName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + (trace.length == 0 ? "" : " (at " + trace[0] + ")"));
        } catch (OutOfMemoryError e) {
            return cutShort(Status.FAILED, current, results, diagnostics, "out of memory; try a smaller selection, "
                    + "a 'limit test M', or more heap via LESION_JAVA_OPTS=-Xmx…");
        }
    }

    /** The end of an input whose statement was cut short: the executors as before it, its finished variants. */
    private Reply cutShort(Status status, StepProgress current, List<StepResult> results, String diagnostics,
            String why) {
        if (current == null) {
            // during the set-up (loading data, training): the set-up is prepared again when next needed
            prepared = null;
            lastResults = List.copyOf(results);
            return new Reply(status, diagnostics, results, why + " during the set-up (data and training)");
        }
        for (int i = 0; i < prepared.executors().size(); i++) {
            prepared.executors().get(i).restore(current.before.get(i));
        }
        List<StepResult> shown = new ArrayList<>(results);
        shown.addAll(current.finished); // the networks that finished the step before it was cut short
        if (current.run != null && current.run.baseline != null) {
            StepRun run = current.run;
            if (!run.curve.isEmpty()) {
                shown.add(StepResult.recovery(run.step, run.instance, EvaluationRow.of(run.baseline), run.curve,
                        run.seconds()));
            } else if (!run.rows.isEmpty()) {
                shown.add(StepResult.of(run.step, run.instance, EvaluationRow.of(run.baseline), run.rows,
                        run.seconds()));
            }
        }
        lastResults = List.copyOf(shown);
        return new Reply(status, diagnostics, shown, why + " in step " + current.step.id() + " ('"
                + current.step.statement() + "'); it is not part of the session, which is as it was before it");
    }

    /**
     * A step on its way: the executors' state before it, its results on the networks that finished it, and the
     * step run going on now.
     */
    private static final class StepProgress {
        final Step step;
        final List<StepExecutor.Snapshot> before;
        final List<StepResult> finished = new ArrayList<>();
        StepRun run;

        StepProgress(Step step, List<StepExecutor.Snapshot> before) {
            this.step = step;
            this.before = before;
        }
    }

    /**
     * One step on every network, into {@code current.finished}: one result per network, or for a repeat block one
     * per network and statement of the block, its passes' rows together.
     */
    private void runStep(Step step, StepProgress current) {
        List<StepResult> out = current.finished;
        for (int instance = 0; instance < prepared.models().size(); instance++) {
            if (!(step instanceof RepeatStep repeat)) {
                out.add(execute(step, instance, 0, current));
                continue;
            }
            Map<String, StepResult> passes = new LinkedHashMap<>();
            for (int pass = 1; pass <= repeat.count(); pass++) {
                for (Step body : repeat.body()) {
                    passes.merge(body.id(), execute(body, instance, pass, current), StepResult::append);
                }
            }
            out.addAll(passes.values());
        }
    }

    private StepResult execute(Step step, int instance, int pass, StepProgress current) {
        StepRun run = new StepRun(step, instance);
        run.baseline = prepared.baselines().get(instance);
        current.run = run;
        return prepared.executors().get(instance).execute(run, prepared.models().get(instance), prepared.data(),
                pass);
    }

    /** Loads the data and prepares every network unless the same set-up is prepared already. */
    private void prepare(Plan plan, Study study) {
        String setup = setupText(study);
        if (prepared != null && prepared.setup().equals(setup)) {
            return;
        }
        prepared = null;
        Workbench workbench = new Workbench(cacheRoot, progress, cancellation);
        Dataset data = workbench.loadData(plan);
        log.printf(java.util.Locale.ROOT, "data: %s, %,d training and %,d test images%n", plan.data().source(),
                data.trainSize(), data.testSize());
        List<TrainedModel> models = new ArrayList<>();
        List<Scores> baselines = new ArrayList<>();
        List<StepExecutor> executors = new ArrayList<>();
        // one for every network: an embedding depends on the data alone
        Embeddings embeddings = new Embeddings(new TsneEmbedder(cacheRoot, msg -> log.println("lesion: " + msg),
                cancellation), log::println);
        for (int instance = 0; instance < plan.instances(); instance++) {
            String who = plan.instances() > 1 ? "network " + instance + ": " : "";
            TrainedModel model = workbench.prepareNetwork(plan, data, instance, msg -> log.println("lesion: " + who
                    + msg)).model();
            if (plan.train() != null) {
                log.println((who.isEmpty() ? "model: " : who) + (model.fromCache()
                        ? "trained network taken from the cache" : "trained and cached"));
            }
            models.add(model);
            baselines.add(model.trained().evaluate(data));
            executors.add(new StepExecutor(progress, cancellation, embeddings));
        }
        log.flush();
        prepared = new Prepared(setup, data, models, baselines, executors);
    }

    /** The set-up statements' text: what the prepared data and networks depend on. */
    private static String setupText(Study study) {
        StringBuilder out = new StringBuilder();
        for (Statement s : study.statements()) {
            if (Checker.isSetup(s)) {
                out.append(study.source().slice(s.span())).append('\n');
            }
        }
        return out.toString();
    }

    /** Only set-up statements so far, without data or a model: nothing to check or plan yet. */
    private static boolean setupIncomplete(Study study) {
        boolean data = false;
        boolean model = false;
        for (Statement s : study.statements()) {
            if (!Checker.isSetup(s)) {
                return false;
            }
            data |= s instanceof Statement.Data;
            model |= s instanceof Statement.Model;
        }
        return !(data && model);
    }

    /** Errors wherever they are, warnings only about the text from {@code newFrom} on (earlier ones were shown). */
    private static String render(SourceFile source, Diagnostics diagnostics, int newFrom) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics.sorted()) {
            boolean fresh = d.span() == Span.NONE || d.span().startOffset() >= newFrom;
            if (d.severity() == Severity.ERROR || fresh) {
                out.append(DiagnosticPrinter.render(source, d));
            }
        }
        return out.toString();
    }

    /** The statements accepted so far, as typed: a study that reproduces the session. */
    public String studyText() {
        return accepted;
    }

    /** The accepted statements compiled (null while the set-up lacks data or a model). */
    public Frontend.Compiled compiled() {
        return compile(accepted);
    }

    /** The accepted statements and {@code text} compiled, without running anything (null as above). */
    public Frontend.Compiled preview(String text) {
        return compile(accepted.isEmpty() ? text : accepted + "\n" + text);
    }

    private Frontend.Compiled compile(String text) {
        SourceFile source = new SourceFile(SOURCE_NAME, text);
        ParseResult parsed = Parser.parse(source);
        if (!parsed.diagnostics().hasErrors() && (parsed.study().statements().isEmpty()
                || setupIncomplete(parsed.study()))) {
            return null;
        }
        return new Frontend(inspector).compile(source, baseDir);
    }

    /** The layers of the session's model, as statements number them (empty before 'data' and 'model'). */
    public List<LayerInfo> layers() {
        return layers;
    }

    /** The results of the last input's steps (with the variants of a step cut short). */
    public List<StepResult> lastResults() {
        return lastResults;
    }

    /** The results of step {@code id} (one per network), or an empty list if no such step has run. */
    public List<StepResult> results(String id) {
        return List.copyOf(resultsByStep.getOrDefault(id, List.of()));
    }

    /**
     * The first row of step {@code stepId} (network 0) whose units, joined by '+' as the tables print them, are
     * {@code units}, or begin with them when they end in "..." as in a table's shortened {@code 0+1+2+6+8+...}:
     * which test images it got newly wrong and right is in the row. Throws IllegalArgumentException naming what
     * does not exist.
     */
    public VariantRow row(String stepId, String units) {
        List<StepResult> results = results(stepId);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results of step " + stepId + "; steps: "
                    + String.join(", ", stepIds()));
        }
        for (VariantRow row : results.get(0).rows()) {
            String joined = String.join("+", java.util.Arrays.stream(row.units()).mapToObj(Integer::toString)
                    .toList());
            boolean shortened = units.endsWith("...");
            if (shortened ? (joined + "+").startsWith(units.substring(0, units.length() - 3)) : joined.equals(units)) {
                return row;
            }
        }
        throw new IllegalArgumentException("step " + stepId + " has no variant of units " + units
                + " (write them as the tables do, e.g. 3 or 11+16)");
    }

    /** The data the session runs on (null before a statement needed it). */
    public Dataset data() {
        return prepared == null ? null : prepared.data();
    }

    /** The ids of the steps that have run, in order. */
    public List<String> stepIds() {
        return List.copyOf(resultsByStep.keySet());
    }
}
