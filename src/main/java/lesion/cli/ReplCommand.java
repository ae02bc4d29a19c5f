package lesion.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lesion.engine.Cancellation;
import lesion.interpret.ExitCodes;
import lesion.interpret.Session;
import lesion.repl.Repl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lesion repl [FILE]}: statements typed one at a time, run on the same data and networks. */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Experiment interactively: type statements (ending with ';') and see their results at once;",
            "the data and trained networks stay loaded. ':help' lists the commands; ':save FILE' writes the",
            "session as a study that 'lesion run' reproduces. With FILE, its statements run first.",
            "Ctrl-C stops a running statement and returns to the prompt; Ctrl-D leaves.",
            "With input piped in, it runs the statements it reads and exits with 65 (invalid statement),",
            "70 (could not run or failed) or 130 (interrupted) if any input went wrong."})
public final class ReplCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "a study whose statements run first")
    Path file;

    @Mixin
    CacheOption cache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        boolean interactive = System.console() != null;
        Terminal terminal;
        try {
            // a system terminal when there is one; with input piped in, JLine falls back to a dumb terminal
            terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        } catch (IOException e) {
            spec.commandLine().getErr().println("lesion: cannot open the terminal: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        Cancellation cancellation = new Cancellation();
        ConsoleProgress progress = new ConsoleProgress(interactive, Math.max(40, terminal.getWidth()), System.err);
        PrintWriter log = terminal.writer();
        Path cacheRoot = cache.resolve();
        Path history = interactive ? Path.of(System.getProperty("user.home"), ".lesion_history") : null;
        Repl repl = new Repl(terminal, history, () -> new Session(cacheRoot, Path.of("").toAbsolutePath(),
                Engines.downloadingInspector(), progress, cancellation, log), cancellation, interactive);
        if (file != null) {
            repl.accept(":load " + file);
        }
        // the system terminal stays open: closing it would close the process's standard output
        return repl.run();
    }
}
