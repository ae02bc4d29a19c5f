package lesion.repl;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import lesion.check.LayerInfo;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.widget.AutosuggestionWidgets;

/**
 * The REPL's line reader: statements that continue over lines until ';' ({@link StudyLineParser}), completion of
 * keywords, layers, methods, paths and commands ({@link StudyCompleter}), highlighting from the lexer
 * ({@link StudyHighlighter}), suggestions from the history as you type, and a history file.
 */
final class ReplReader {

    /** The prompt of a statement's second and later lines. */
    static final String CONTINUATION = "   ...> ";

    private ReplReader() {
    }

    /** A reader on {@code terminal}; {@code layers} are the session's model's; {@code history} may be null. */
    static LineReader build(Terminal terminal, Supplier<List<LayerInfo>> layers, Path history) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("lesion")
                .parser(new StudyLineParser())
                .completer(new StudyCompleter(layers, Commands.names()))
                .highlighter(new StudyHighlighter())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.INDENTATION, 2)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is not a history command here
                .option(LineReader.Option.CASE_INSENSITIVE, true); // keywords are: AB<Tab> completes to ablate
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        LineReader reader = builder.build();
        if (!Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            new AutosuggestionWidgets(reader).enable();
        }
        return reader;
    }
}
