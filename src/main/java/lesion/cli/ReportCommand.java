package lesion.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lesion.interpret.ExitCodes;
import lesion.plan.ReportStep;
import lesion.report.HtmlReport;
import lesion.report.NotARunDirectoryException;
import lesion.results.ReportFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lesion report RUNDIR}: rebuilds a run directory's {@code report.html} from its files alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild report.html in a run directory from the files the run left (manifest, CSV, JSON):",
            "the same files give the same report, byte for byte.",
            "Exit codes: 0 done, 66 not a run directory, 70 the report could not be written, 2 usage."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUNDIR", description = "a run directory, as `lesion run` leaves it")
    Path runDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path file = HtmlReport.write(runDir);
            err.println("report: " + file);
            return ExitCodes.OK;
        } catch (NotARunDirectoryException e) {
            err.println("lesion: " + e.getMessage());
            return ExitCodes.NO_INPUT;
        } catch (IOException | RuntimeException e) {
            err.println("lesion: cannot write the report: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
    }

    /**
     * Writes the report at the end of a run, whatever its outcome. The results are on disk already, so a failure
     * here is printed and changes nothing else: not the run's files, not its exit code.
     */
    static void afterRun(Path runDir, PrintWriter log) {
        try {
            log.println("report: " + HtmlReport.write(runDir));
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            log.println("lesion: the report could not be written (the results are kept): " + e);
        }
        log.flush();
    }

    /**
     * {@code report "dir";}: after the run, finished or cut short, copies its tables and report into each folder
     * (relative to {@code baseDir}, the study file's folder). Like the report, a failure is printed and changes
     * neither the run's files nor its exit code.
     */
    static void copyToFolders(List<ReportStep> reports, Path baseDir, Path runDir, PrintWriter log) {
        for (ReportStep report : reports) {
            Path folder = baseDir.resolve(report.folder()).normalize();
            try {
                List<String> copied = ReportFolder.copy(runDir, folder);
                log.println("report: " + copied.size() + " files copied to " + folder);
            } catch (IOException | RuntimeException e) {
                log.println("lesion: cannot copy the report to " + folder + " (the run directory keeps it): " + e);
            }
        }
        log.flush();
    }
}
