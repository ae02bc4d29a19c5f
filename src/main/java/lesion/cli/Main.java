package lesion.cli;

import lesion.interpret.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lesion} command: parses the arguments and hands over to one subcommand. */
@Command(name = "lesion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A declarative language and interpreter for ablation studies on neural networks.",
        subcommands = {RunCommand.class, ReplCommand.class, CheckCommand.class, PlanCommand.class, LayersCommand.class,
            ReportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code lesion} without a command is a usage error: show the usage on standard error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return lesion.interpret.ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** Runs the command line with its output and errors going to the given writers (null: the console). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("lesion: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return ExitCodes.RUNTIME_FAILURE;
        });
        return cli.execute(args);
    }
}
