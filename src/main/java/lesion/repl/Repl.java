package lesion.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import lesion.check.LayerTable;
import lesion.engine.Cancellation;
import lesion.interpret.ExitCodes;
import lesion.interpret.Frontend;
import lesion.interpret.Session;
import lesion.parse.Keywords;
import lesion.results.StepResult;
import lesion.results.SummaryTable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The read-eval-print loop of {@code lesion repl}: reads statements (a statement may span lines and ends at ';')
 * and {@code :} commands, hands statements to a {@link Session} and prints what they did, the same tables as
 * {@code lesion run}. Ctrl-C at the prompt clears the line; during a statement it stops the statement at its next
 * safe point and returns to the prompt; Ctrl-D (or the end of piped input) leaves.
 *
 * <p>Without a terminal (input piped in) it reads the same way and prints the same, without prompts' effects; it
 * then ends with the exit code of the first input that went wrong (65 an invalid statement, 70 one that could not
 * run or failed, 130 one interrupted), so that {@code lesion repl < session.study} can be scripted.
 */
public final class Repl {

    static final String PROMPT = "lesion> ";

    private final LineReader reader;
    private final PrintWriter out;
    private final Supplier<Session> sessions;
    private final Cancellation cancellation;
    private final boolean interactive;
    private Session session;
    private int exit = ExitCodes.OK;

    /**
     * A loop reading from {@code terminal} (see {@link ReplReader}; {@code historyFile} may be null: no history
     * kept) and printing to it; {@code sessions} makes a fresh session (at the start and on {@code :reset}), all
     * sharing {@code cancellation}, which Ctrl-C cancels while a statement runs.
     */
    public Repl(Terminal terminal, Path historyFile, Supplier<Session> sessions, Cancellation cancellation,
            boolean interactive) {
        this.reader = ReplReader.build(terminal, () -> session.layers(), historyFile);
        this.out = terminal.writer();
        this.sessions = sessions;
        this.cancellation = cancellation;
        this.interactive = interactive;
        this.session = sessions.get();
    }

    /** Reads and runs input until :quit, Ctrl-D or the end of input; the exit code (see the class comment). */
    public int run() {
        while (true) {
            String line;
            try {
                line = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped
            } catch (EndOfFileException e) {
                out.println(); // Ctrl-D or the end of the input: whatever prints next starts on a line of its own
                break;
            }
            if (!interactive) {
                // nobody typed it, so no terminal showed it: the log of a scripted session reads as a dialogue
                out.println(line.replace("\n", "\n" + ReplReader.CONTINUATION));
            }
            if (!accept(line)) {
                break;
            }
        }
        out.flush();
        return interactive ? ExitCodes.OK : exit;
    }

    /** Runs one input (a command or statements); false when it ends the session. */
    public boolean accept(String line) {
        String input = line.strip();
        if (input.isEmpty()) {
            return true;
        }
        if (input.startsWith(":")) {
            return command(input);
        }
        submit(line);
        return true;
    }

    private boolean command(String input) {
        String[] parts = input.split("\\s+", 2);
        List<Commands.Command> candidates = new ArrayList<>();
        Commands.Command command = Commands.find(parts[0], candidates);
        if (command == null) {
            out.println(candidates.isEmpty() ? "unknown command " + parts[0] + "; :help lists the commands"
                    : parts[0] + " could be " + String.join(", ", candidates.stream().map(Commands.Command::name)
                            .toList()));
            failed(ExitCodes.USAGE);
            out.flush();
            return true;
        }
        boolean more = command.action().run(this, parts.length > 1 ? parts[1].strip() : "");
        out.flush();
        return more;
    }

    /** Hands statements to the session, with Ctrl-C cancelling them while they run; whether all went well. */
    private boolean submit(String text) {
        Terminal terminal = reader.getTerminal();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> cancellation.cancel());
        Session.Reply reply;
        try {
            reply = session.submit(text);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
        print(reply);
        return reply.status() == Session.Status.OK;
    }

    private void print(Session.Reply reply) {
        out.print(reply.diagnostics());
        if (!reply.results().isEmpty()) {
            out.print(SummaryTable.render(reply.results()));
        }
        switch (reply.status()) {
            case OK -> { }
            case INVALID -> failed(ExitCodes.INVALID_STUDY);
            case NOT_RUNNABLE -> failed(ExitCodes.RUNTIME_FAILURE);
            case INTERRUPTED -> {
                out.println("lesion: " + reply.message());
                failed(ExitCodes.INTERRUPTED);
            }
            case FAILED -> {
                out.println("lesion: error: " + reply.message());
                failed(ExitCodes.RUNTIME_FAILURE);
            }
        }
        out.flush();
    }

    /** Remembers the first thing that went wrong, for the exit code of a scripted session. */
    private void failed(int code) {
        if (exit == ExitCodes.OK) {
            exit = code;
        }
    }

    boolean help(String argument) {
        if (argument.isEmpty()) {
            out.println("Statements end with ';' and may span lines. Commands:");
            out.print(Commands.help());
            out.println("Statements: " + String.join(", ", Keywords.statements()) + " (:help STATEMENT for one)");
            return true;
        }
        String name = argument.startsWith(":") ? argument : ":" + argument;
        Commands.Command command = Commands.find(name, new ArrayList<>());
        String statement = StatementHelp.of(argument);
        if (statement != null) {
            out.print(statement);
        } else if (command != null) {
            out.println(Commands.usage(command) + ": " + command.help());
        } else {
            out.println("no command or statement '" + argument + "'; :help lists them");
        }
        return true;
    }

    boolean layers(String argument) {
        Frontend.Compiled compiled = session.compiled();
        LayerTable layers = compiled == null || compiled.setup() == null ? null : compiled.setup().layers();
        out.print(layers == null ? "no model yet: give 'data' and 'model' first\n" : layers.render());
        return true;
    }

    boolean plan(String argument) {
        Frontend.Compiled compiled = argument.isEmpty() ? session.compiled() : session.preview(argument);
        if (compiled == null) {
            out.println("nothing to plan yet: give 'data' and 'model' first");
        } else if (!compiled.ok()) {
            compiled.diagnostics().sorted().forEach(d -> out.print(
                    lesion.source.DiagnosticPrinter.render(compiled.source(), d)));
        } else {
            out.print(compiled.plan().render());
        }
        return true;
    }

    boolean results(String argument) {
        List<StepResult> results = argument.isEmpty() ? session.lastResults() : session.results(argument);
        if (results.isEmpty()) {
            out.println(argument.isEmpty() ? "no results yet" : "no results of step " + argument + "; steps: "
                    + String.join(", ", session.stepIds()));
        } else {
            out.print(SummaryTable.render(results));
        }
        return true;
    }

    boolean show(String argument) {
        String[] parts = argument.split("\\s+");
        if (parts.length != 3 || !parts[0].equals("samples")) {
            out.println("usage: :show samples STEP UNITS, e.g. :show samples 2 11+16 (units as the tables print "
                    + "them)");
            return true;
        }
        try {
            out.print(SampleView.render(parts[1], session.row(parts[1], parts[2]), session.data()));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        }
        return true;
    }

    boolean save(String argument) {
        if (argument.isEmpty()) {
            out.println("usage: :save FILE");
            return true;
        }
        Path file = path(argument);
        String text = session.studyText();
        try {
            Files.writeString(file, "# saved from a lesion repl session\n" + text + (text.endsWith("\n") ? "" : "\n"),
                    StandardCharsets.UTF_8);
            out.println("saved to " + file + "; 'lesion run " + file + "' reproduces the session");
        } catch (IOException e) {
            out.println("lesion: cannot write " + file + ": " + e.getMessage());
            failed(ExitCodes.RUNTIME_FAILURE);
        }
        return true;
    }

    boolean load(String argument) {
        if (argument.isEmpty()) {
            out.println("usage: :load FILE");
            return true;
        }
        Path file = path(argument);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            out.println("lesion: no such file: " + file);
            failed(ExitCodes.NO_INPUT);
            return true;
        } catch (IOException e) {
            out.println("lesion: cannot read " + file + ": " + e.getMessage());
            failed(ExitCodes.NO_INPUT);
            return true;
        }
        boolean empty = session.studyText().isBlank();
        if (!submit(text) && !empty) {
            out.println("(the session had statements already: ':reset' first to run the file on its own)");
        }
        return true;
    }

    /** A file argument as Tab completes it: spaces escaped with '\\', or the whole name in double quotes. */
    private static Path path(String argument) {
        String name = argument.length() > 1 && argument.startsWith("\"") && argument.endsWith("\"")
                ? argument.substring(1, argument.length() - 1) : argument.replace("\\ ", " ");
        return Path.of(name);
    }

    boolean reset(String argument) {
        session = sessions.get();
        out.println("a new session: no statements; trained networks stay in the model cache");
        return true;
    }

    boolean history(String argument) {
        String text = session.studyText();
        out.print(text.isEmpty() ? "no statements yet\n" : text + (text.endsWith("\n") ? "" : "\n"));
        return true;
    }
}
