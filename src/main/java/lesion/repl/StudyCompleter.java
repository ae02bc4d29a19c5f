package lesion.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import lesion.check.LayerInfo;
import lesion.parse.Keywords;
import lesion.parse.Lexemes;
import lesion.parse.Lexemes.Kind;
import lesion.parse.Lexemes.Lexeme;
import lesion.parse.NextKeywords;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the REPL. In a statement it offers the keywords the grammar takes next
 * ({@link NextKeywords}), so {@code ab<Tab>} at the start of a statement becomes {@code ablate};
 * where a layer is named, the loaded model's layers by index and name; after an ablated layer, its
 * own noun ({@code units} or {@code filters}) and then the range of its units; inside a string,
 * file names. A buffer that begins with ':' is a command: the command names, then file names after
 * {@code :save} and {@code :load}, and topics after {@code :help}.
 *
 * <p>Candidates are all that fit the position; JLine keeps those that start with the word being
 * typed. The words are those of {@link StudyLineParser}.
 */
public final class StudyCompleter implements Completer {
    private static final Set<String> FILE_COMMANDS = Set.of(":save", ":load");
    private static final String HELP = ":help";

    private final Supplier<List<LayerInfo>> layers;
    private final List<String> commands;
    private final Completer files;

    /**
     * {@code layers}: the layers of the model declared so far, empty when there is none;
     * {@code commands}: the REPL's command names, with their ':'. File names are completed from
     * the working directory.
     */
    public StudyCompleter(Supplier<List<LayerInfo>> layers, List<String> commands) {
        this(layers, commands, Path.of("").toAbsolutePath());
    }

    /** As above, with relative file names completed from {@code directory}. */
    public StudyCompleter(Supplier<List<LayerInfo>> layers, List<String> commands, Path directory) {
        this.layers = layers;
        this.commands = List.copyOf(commands);
        this.files = new Completers.FileNameCompleter() {
            @Override
            protected Path getUserDir() {
                return directory;
            }
        };
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, line.cursor());
        if (StudyLineParser.isCommand(line.line())) {
            completeCommand(reader, line, before, candidates);
            return;
        }
        List<Lexeme> lexemes = new ArrayList<>(Lexemes.of(before));
        Lexeme last = lexemes.isEmpty() ? null : lexemes.get(lexemes.size() - 1);
        if (last != null && last.end() == before.length()) {
            switch (last.kind()) {
                case KEYWORD, NAME, NUMBER, PERCENT -> lexemes.remove(lexemes.size() - 1);
                case UNTERMINATED_STRING -> {
                    completeString(reader, line, statement(lexemes.subList(0, lexemes.size() - 1)), candidates);
                    return;
                }
                case PUNCTUATION -> {
                    // no word is being typed: the next one begins at the cursor
                }
                default -> {
                    // in a comment, just after a string or a bad character: nothing fits
                    return;
                }
            }
        }
        String context = lexemes.isEmpty() ? "" : before.substring(0, lexemes.get(lexemes.size() - 1).end());
        completeStatement(statement(lexemes), NextKeywords.after(context), candidates);
    }

    private void completeCommand(LineReader reader, ParsedLine line, String before, List<Candidate> candidates) {
        String[] words = before.strip().split("\\s+");
        if (before.matches("\\s*\\S*")) {
            commands.forEach(c -> candidates.add(new Candidate(c)));
        } else if (FILE_COMMANDS.contains(words[0])) {
            files.complete(reader, line, candidates);
        } else if (words[0].equals(HELP)) {
            commands.forEach(c -> candidates.add(new Candidate(c.substring(1))));
            Keywords.statements().forEach(k -> candidates.add(new Candidate(k)));
        }
    }

    /** In a string: a layer's name where a layer is named, else a file name. */
    private void completeString(LineReader reader, ParsedLine line, List<Lexeme> statement,
            List<Candidate> candidates) {
        if (namesLayer(statement)) {
            // JLine puts the quotes back around the name.
            for (LayerInfo layer : ablatable()) {
                candidates.add(candidate(layer.name(), summary(layer), layer.index()));
            }
        } else {
            files.complete(reader, line, candidates);
        }
    }

    private void completeStatement(List<Lexeme> statement, Optional<List<String>> next, List<Candidate> candidates) {
        if (next.isEmpty()) {
            // The statement is broken before the cursor: any keyword may be what the user wants.
            Keywords.all().forEach(k -> candidates.add(new Candidate(k)));
            return;
        }
        List<String> keywords = new ArrayList<>(next.get());
        if (namesLayer(statement)) {
            for (LayerInfo layer : ablatable()) {
                candidates.add(candidate(String.valueOf(layer.index()), layer.name() + ", " + summary(layer),
                        layer.index()));
                String name = Lexemes.isName(layer.name()) ? layer.name() : Lexemes.quote(layer.name());
                candidates.add(candidate(name, summary(layer), layer.index()));
            }
        }
        Set<String> nouns = targetNouns(statement);
        if (nouns.size() == 1) {
            keywords.removeIf(k -> (k.equals("units") || k.equals("filters")) && !nouns.contains(k));
        }
        keywords.forEach(k -> candidates.add(new Candidate(k)));
        unitRange(statement).ifPresent(candidates::add);
    }

    /** The lexemes of the statement being written: after the last ';', '{' or '}', comments left out. */
    private static List<Lexeme> statement(List<Lexeme> lexemes) {
        List<Lexeme> out = new ArrayList<>();
        for (Lexeme l : lexemes) {
            if (l.is(";") || l.is("{") || l.is("}")) {
                out.clear();
            } else if (l.kind() != Kind.COMMENT) {
                out.add(l);
            }
        }
        return out;
    }

    /** Whether the statement stops where a layer is named: after 'layer', 'layers', or a ',' or '..' between layers. */
    private static boolean namesLayer(List<Lexeme> statement) {
        int i = statement.size() - 1;
        if (i < 0) {
            return false;
        }
        if (statement.get(i).is("layer") || statement.get(i).is("layers")) {
            return true;
        }
        if (!statement.get(i).is(",") && !statement.get(i).is("..")) {
            return false;
        }
        while (i >= 0 && (isLayerRef(statement.get(i)) || statement.get(i).is(",") || statement.get(i).is(".."))) {
            i--;
        }
        return i >= 0 && statement.get(i).is("layers");
    }

    /**
     * The nouns of the layers an {@code ablate} names (a range by its two ends), when the statement
     * stops right after them: {@code filters} for convolutions, {@code units} for dense layers.
     * Empty when it stops elsewhere or names a layer the model does not have.
     */
    private Set<String> targetNouns(List<Lexeme> statement) {
        Set<String> nouns = new HashSet<>();
        if (statement.size() < 3 || !statement.get(0).is("ablate")) {
            return nouns;
        }
        Lexeme kind = statement.get(2);
        if (statement.size() == 3 && statement.get(1).is("layers") && kind.kind() == Kind.KEYWORD) {
            if (kind.is("conv")) {
                nouns.add("filters");
            } else if (kind.is("dense")) {
                nouns.add("units");
            }
            return nouns;
        }
        List<Lexeme> target = statement.subList(2, statement.size());
        if (!target.stream().allMatch(l -> isLayerRef(l) || l.is(",") || l.is(".."))) {
            return nouns;
        }
        for (Lexeme ref : target) {
            if (isLayerRef(ref)) {
                Optional<LayerInfo> layer = find(ref);
                if (layer.isEmpty()) {
                    return Set.of();
                }
                nouns.add(layer.get().unitNoun());
            }
        }
        return nouns;
    }

    /** After {@code ablate layer X units} of a known layer: its whole range of units, {@code 0..19}, as a hint. */
    private Optional<Candidate> unitRange(List<Lexeme> statement) {
        if (statement.size() != 4 || !statement.get(0).is("ablate") || !statement.get(1).is("layer")
                || !(statement.get(3).is("units") || statement.get(3).is("filters"))) {
            return Optional.empty();
        }
        return find(statement.get(2)).map(layer -> {
            String range = "0.." + (layer.units() - 1);
            return new Candidate(range, range, null, "all " + layer.units() + " " + layer.unitNoun() + " of "
                    + layer.name(), null, null, true);
        });
    }

    private static boolean isLayerRef(Lexeme l) {
        return l.kind() == Kind.NUMBER || l.kind() == Kind.NAME || l.kind() == Kind.STRING;
    }

    /** The ablatable layer a reference names: by index, or by name, bare or quoted, in any case. */
    private Optional<LayerInfo> find(Lexeme ref) {
        String name = ref.kind() == Kind.STRING ? Lexemes.unquote(ref.text()) : ref.text();
        return ablatable().stream()
                .filter(l -> ref.kind() == Kind.NUMBER ? name.equals(String.valueOf(l.index()))
                        : l.name().equalsIgnoreCase(name))
                .findFirst();
    }

    private List<LayerInfo> ablatable() {
        return layers.get().stream().filter(LayerInfo::ablatable).toList();
    }

    /** {@code dense, 20 units}. */
    private static String summary(LayerInfo layer) {
        return layer.type() + ", " + layer.units() + " " + layer.unitNoun();
    }

    /** A layer's candidate, kept in the order of the layers. */
    private static Candidate candidate(String value, String description, int index) {
        return new Candidate(value, value, null, description, null, null, true, index);
    }
}
