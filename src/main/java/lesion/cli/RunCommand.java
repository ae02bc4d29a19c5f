package lesion.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lesion.engine.Cancellation;
import lesion.interpret.ExitCodes;
import lesion.interpret.Executor;
import lesion.interpret.Frontend;
import lesion.interpret.Support;
import lesion.plan.Step;
import lesion.results.Manifest;
import lesion.results.RunDirectory;
import lesion.results.SummaryTable;
import lesion.source.Diagnostic;
import lesion.source.DiagnosticPrinter;
import lesion.source.Diagnostics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lesion run FILE}: checks, plans and executes a study into a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a study: train (or take from the cache), evaluate and ablate, writing every result",
            "to a run directory (default runs/<study>/<UTC time>/) with the study, its plan and a manifest.",
            "Ctrl-C stops after the current unit of work and keeps the finished steps.",
            "Exit codes: 0 done, 65 invalid study, 66 file not readable, 70 failure at run time",
            "(also: a statement this version does not run yet), 130 interrupted, 2 usage."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    StudyInput input;

    @Mixin
    CacheOption cache;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write the run into exactly this folder (must not exist or be empty)")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter log = err;
        StudyInput.Compilation c = input.compile(Engines.downloadingInspector(), err);
        if (!c.ok()) {
            return c.exit();
        }
        Frontend.Compiled compiled = c.compiled();
        Diagnostics unsupported = Support.unsupported(compiled.plan(), compiled.study());
        if (unsupported.hasErrors()) {
            for (Diagnostic d : unsupported.sorted()) {
                err.print(DiagnosticPrinter.render(compiled.source(), d));
            }
            err.flush();
            return ExitCodes.RUNTIME_FAILURE;
        }
        RunDirectory dir;
        try {
            dir = out != null ? RunDirectory.exactly(out) : RunDirectory.create(compiled.plan().title());
        } catch (IOException e) {
            err.println("lesion: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        log.println("run directory: " + dir.path());
        Cancellation cancellation = new Cancellation();
        Interrupts.cancelOnCtrlC(cancellation);
        Executor.Outcome outcome;
        try {
            outcome = new Executor(cache.resolve(), ConsoleProgress.forConsole(), cancellation, log)
                    .run(compiled.plan(), compiled.source().text(), input.file, dir);
        } catch (IOException e) {
            err.println("lesion: cannot write the results: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        ReportCommand.afterRun(dir.path(), log);
        ReportCommand.copyToFolders(Support.reports(compiled.plan().steps()), input.baseDir(), dir.path(), log);
        PrintWriter stdout = spec.commandLine().getOut();
        if (!outcome.results().isEmpty()) {
            stdout.print(SummaryTable.render(outcome.results()));
            stdout.flush();
        }
        log.flush();
        if (outcome.status() == Manifest.RunStatus.COMPLETE) {
            log.println("results: " + dir.path());
            return ExitCodes.OK;
        }
        String finished = outcome.results().size() + " finished step" + (outcome.results().size() == 1 ? "" : "s");
        if (outcome.status() == Manifest.RunStatus.INTERRUPTED) {
            log.println("lesion: " + outcome.message() + "; " + finished + " kept in " + dir.path());
            return ExitCodes.INTERRUPTED;
        }
        log.print(failure(compiled, outcome));
        log.println("lesion: " + finished + " kept in " + dir.path());
        return ExitCodes.RUNTIME_FAILURE;
    }

    /** The failure as a diagnostic at the failing statement when it is a step, else a plain error line. */
    private static String failure(Frontend.Compiled compiled, Executor.Outcome outcome) {
        for (Step step : compiled.plan().steps()) {
            if (step.id().equals(outcome.failedStep())) {
                return DiagnosticPrinter.render(compiled.source(), Diagnostic.error(step.span(), outcome.message()));
            }
        }
        return "lesion: error: " + outcome.message() + System.lineSeparator();
    }
}
