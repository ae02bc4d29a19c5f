package lesion.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The REPL's {@code :} commands, in one table: what {@code :help} prints, what Tab completes, and what a typed
 * command runs. A command may be shortened to any prefix that only it has ({@code :l} is ambiguous, {@code :la}
 * is {@code :layers}).
 */
final class Commands {

    /** What a command does with the rest of its line; false ends the session. */
    @FunctionalInterface
    interface Action {
        boolean run(Repl repl, String argument);
    }

    /** One command: its name with the colon, its argument syntax (may be empty), what it does, and how. */
    record Command(String name, String arguments, String help, Action action) {
    }

    static final List<Command> ALL = List.of(
            new Command(":help", "[command|statement]", "this list, or help on one command or statement",
                    Repl::help),
            new Command(":layers", "", "the model's layers, with the indices and names statements use",
                    Repl::layers),
            new Command(":plan", "[statements]", "the plan of the session so far, or what statements would add",
                    Repl::plan),
            new Command(":results", "[step]", "the last results again, or those of one step", Repl::results),
            new Command(":show", "samples STEP UNITS", "the test images a variant got newly wrong or right "
                    + "(UNITS as the tables print them, e.g. 11+16)", Repl::show),
            new Command(":save", "FILE", "save the session as a study that 'lesion run' reproduces", Repl::save),
            new Command(":load", "FILE", "run a study file's statements in this session", Repl::load),
            new Command(":reset", "", "start again: no statements, nothing prepared (the model cache stays)",
                    Repl::reset),
            new Command(":history", "", "the statements of the session so far", Repl::history),
            new Command(":quit", "", "leave (so does Ctrl-D)", (repl, argument) -> false));

    private Commands() {
    }

    /** The commands' names, with the colon. */
    static List<String> names() {
        return ALL.stream().map(Command::name).toList();
    }

    /**
     * The command a typed name means: the one it names exactly or whose name it is a unique prefix of; null when
     * it means none. {@code candidates} receives the commands it could mean when it is ambiguous.
     */
    static Command find(String typed, List<Command> candidates) {
        String name = typed.toLowerCase(Locale.ROOT);
        List<Command> matches = new ArrayList<>();
        for (Command c : ALL) {
            if (c.name().equals(name)) {
                return c;
            }
            if (c.name().startsWith(name)) {
                matches.add(c);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        candidates.addAll(matches);
        return null;
    }

    /** The help text: one line per command, aligned. */
    static String help() {
        int width = 0;
        for (Command c : ALL) {
            width = Math.max(width, usage(c).length());
        }
        StringBuilder out = new StringBuilder();
        for (Command c : ALL) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", usage(c), c.help()));
        }
        return out.toString();
    }

    static String usage(Command c) {
        return c.arguments().isEmpty() ? c.name() : c.name() + " " + c.arguments();
    }
}
