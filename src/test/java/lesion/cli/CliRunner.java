package lesion.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code lesion} command line in-process and captures what it prints. */
final class CliRunner {
    /** Exit code, standard output and standard error of one command. */
    record Result(int exit, String out, String err) {
    }

    private CliRunner() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }
}
