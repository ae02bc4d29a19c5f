package lesion.repl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lesion.check.LayerInfo;
import lesion.parse.Keywords;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCompleterTest {
    private static final List<String> COMMANDS = List.of(":help", ":layers", ":save", ":load", ":quit");
    /** The 784-20-10-10 MLP, with an activation layer that has no units. */
    private static final List<LayerInfo> MLP = List.of(
            new LayerInfo(0, "hidden1", "dense", new int[] {20}, 15700, 20, false),
            new LayerInfo(1, "hidden2", "dense", new int[] {10}, 210, 10, false),
            new LayerInfo(2, "relu", "activation", new int[] {10}, 0, 0, false),
            new LayerInfo(3, "output", "output", new int[] {10}, 110, 10, false));

    @TempDir
    Path dir;
    private List<LayerInfo> layers = MLP;
    private StudyCompleter completer;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("train-images.idx"), "");
        Files.writeString(dir.resolve("model.h5"), "");
        Files.createDirectories(dir.resolve("mnist data"));
        Files.writeString(dir.resolve("mnist data").resolve("t10k-labels.idx"), "");
        completer = new StudyCompleter(() -> layers, COMMANDS, dir);
    }

    private LineReader reader(String keys) throws IOException {
        DumbTerminal terminal = new DumbTerminal("test", "ansi", new ByteArrayInputStream(keys.getBytes(UTF_8)),
                new ByteArrayOutputStream(), UTF_8);
        return LineReaderBuilder.builder().terminal(terminal).parser(new StudyLineParser()).completer(completer)
                .build();
    }

    /** The candidates offered with the cursor at the end of {@code text}, in the order offered. */
    private List<Candidate> candidates(String text) throws IOException {
        List<Candidate> out = new ArrayList<>();
        LineReader reader = reader("");
        completer.complete(reader, reader.getParser().parse(text, text.length(), ParseContext.COMPLETE), out);
        return out;
    }

    private Set<String> values(String text) throws IOException {
        return candidates(text).stream().map(Candidate::value).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> set(List<String> words) {
        return new TreeSet<>(words);
    }

    /** The line the REPL reads when {@code keys} are typed after {@code buffer} ('\t' is Tab, '\r' Enter). */
    private String typed(String buffer, String keys) throws IOException {
        return reader(keys).readLine("> ", null, (MaskingCallback) null, buffer);
    }

    private Candidate candidate(String text, String value) throws IOException {
        return candidates(text).stream().filter(c -> c.value().equals(value)).findFirst().orElseThrow();
    }

    @Test
    void tabCompletesTheStatementKeywordBeingTyped() throws IOException {
        assertEquals("ablate layer 0 units each;", typed("", "ab\tlayer 0 units each;\r"));
        assertEquals("seed 1; evaluate ;", typed("seed 1; ", "ev\t;\r"));
        assertEquals("ablate layer 0 units each;restore ;", typed("ablate layer 0 units each;", "rest\t;\r"));
        assertEquals(set(List.of("ablate")), values("ab").stream().filter(v -> v.startsWith("ab"))
                .collect(Collectors.toSet()), "the words that JLine keeps for 'ab'");
    }

    @Test
    void aStatementBeginsWithTheLexersStatementKeywords() throws IOException {
        Set<String> statements = set(Keywords.statements());
        assertTrue(statements.contains("ablate") && statements.contains("recover"));
        assertEquals(statements, values(""));
        assertEquals(statements, values("ab"));
        assertEquals(statements, values("seed 1;"));
        assertEquals(statements, values("ablate layer 0 units each;\n  "));
        assertEquals(statements, values("repeat 2 {"));
        assertEquals(statements, values("repeat 2 {\n  ablate layer 0 units each;\n}\n"));
        assertEquals(statements, values("# don't ablate yet\n"));
    }

    @Test
    void theNextKeywordsOfTheGrammar() throws IOException {
        assertEquals(set(List.of("zero", "mask", "mean", "noise")), values("ablate layer 0 units each using "));
        assertEquals(set(List.of("zero", "mask", "mean", "noise")), values("ablate layer 0 units each using m"));
        assertEquals(set(List.of("layer", "layers")), values("ablate "));
        assertEquals(set(List.of("mnist", "fashion", "idx")), values("data "));
        assertEquals(set(List.of("mlp", "vgg19", "file", "keras", "zoo")), values("model "));
        assertEquals(set(List.of("above", "below", "none", "layers")), values("recover 2 epochs freeze "));
        assertEquals(set(List.of("magnitude", "mannwhitney")), values("ablate layer 0 units 10%, 20% by "));
        assertEquals(Set.of(), values("seed "), "a number comes next");
    }

    @Test
    void whereALayerIsNamedTheModelsLayersThatCanBeAblated() throws IOException {
        assertEquals(set(List.of("0", "1", "3", "hidden1", "hidden2", "output")), values("ablate layer "));
        assertEquals(set(List.of("0", "1", "3", "hidden1", "hidden2", "output")), values("ablate layer hid"));
        assertEquals(set(List.of("0", "1", "3", "hidden1", "hidden2", "output")), values("importance layer "));
        assertEquals(set(List.of("0", "1", "3", "hidden1", "hidden2", "output", "conv", "dense", "all")),
                values("ablate layers "));
        assertEquals(set(List.of("0", "1", "3", "hidden1", "hidden2", "output")), values("ablate layers 0,"));
        assertEquals(set(List.of("0", "1", "3", "hidden1", "hidden2", "output")),
                values("recover 1 epochs freeze layers "));
        assertEquals("hidden1, dense, 20 units", candidate("ablate layer ", "0").descr());
        assertEquals("output, 10 units", candidate("ablate layer ", "output").descr());
        assertEquals("ablate layer output units each;", typed("", "ablate layer out\tunits each;\r"));
    }

    @Test
    void withNoModelYetNoLayers() throws IOException {
        layers = List.of();
        assertEquals(Set.of(), values("ablate layer "));
        assertEquals(set(List.of("conv", "dense", "all")), values("ablate layers "));
    }

    @Test
    void aLayerWhoseNameIsNotANameIsOfferedAsAString() throws IOException {
        layers = List.of(new LayerInfo(0, "dense", "dense", new int[] {8}, 72, 8, false),
                new LayerInfo(1, "conv2d/1", "conv", new int[] {4, 4, 2}, 20, 2, false));
        assertEquals(set(List.of("0", "1", "\"dense\"", "\"conv2d/1\"")), values("ablate layer "));
        assertEquals("ablate layer \"dense\" units each;", typed("", "ablate layer \"den\tunits each;\r"));
        assertEquals(set(List.of("filters", "groups")), values("ablate layer \"conv2d/1\" "));
    }

    @Test
    void afterALayerItsOwnNounThenItsUnits() throws IOException {
        assertEquals(set(List.of("units", "groups")), values("ablate layer 1 "));
        assertEquals(set(List.of("units", "groups")), values("ablate layer Hidden1 "));
        assertEquals(set(List.of("units", "groups")), values("ablate layers 0..3 "));
        assertEquals(set(List.of("units", "groups")), values("ablate layers 0 "));
        assertEquals(set(List.of("units", "filters", "groups")), values("ablate layer 9 "), "an unknown layer");
        assertEquals(set(List.of("filters", "groups")), values("ablate layers conv "));
        assertEquals(set(List.of("units", "filters", "groups")), values("ablate layers all "));
        layers = List.of(new LayerInfo(0, "conv1", "conv", new int[] {64, 28, 28}, 1792, 64, false));
        assertEquals(set(List.of("filters", "groups")), values("ablate layer conv1 "));
        assertEquals("conv1, conv, 64 filters", candidate("ablate layer ", "0").descr());
    }

    @Test
    void afterTheNounTheSelectionsAndTheRangeOfUnits() throws IOException {
        assertEquals(set(List.of("each", "pairs", "0..19")), values("ablate layer hidden1 units "));
        assertEquals(set(List.of("each", "pairs", "0..9")), values("ablate layer 3 units "));
        assertEquals(set(List.of("each", "pairs")), values("ablate layer 9 units "), "an unknown layer");
        assertEquals("all 20 units of hidden1", candidate("ablate layer 0 units ", "0..19").descr());
        assertEquals(set(List.of("random", "by")), values("ablate layer 0 units 25% "));
    }

    @Test
    void aBrokenStatementGetsEveryKeyword() throws IOException {
        assertEquals(set(Keywords.all()), values("seed x "));
    }

    @Test
    void nothingInACommentOrAfterAString() throws IOException {
        assertEquals(Set.of(), values("seed 1; # ab"));
        assertEquals(Set.of(), values("report \"out\""));
    }

    @Test
    void inAStringFileNamesFromTheGivenDirectory() throws IOException {
        assertEquals(Set.of("train-images.idx", "model.h5", "mnist data/"), values("data idx \""));
        assertEquals(Set.of("mnist data/t10k-labels.idx"), values("data idx \"mnist data/"));
        assertEquals("data idx \"train-images.idx\" ;", typed("", "data idx \"tr\t;\r"));
        assertEquals("model keras \"model.h5\" ;", typed("model keras \"mo", "\t;\r"));
    }

    @Test
    void aBufferBeginningWithAColonIsACommand() throws IOException {
        assertEquals(set(COMMANDS), values(":"));
        assertEquals(set(COMMANDS), values("  :he"));
        assertEquals(":help ", typed("", ":he\t\r"));
        Set<String> topics = new TreeSet<>(Keywords.statements());
        topics.addAll(List.of("help", "layers", "save", "load", "quit"));
        assertEquals(topics, values(":help "));
        assertEquals(Set.of("train-images.idx", "model.h5", "mnist data/"), values(":load "));
        assertEquals(Set.of("mnist data/t10k-labels.idx"), values(":save mnist\\ data/"));
        assertEquals(Set.of(), values(":quit "));
    }
}
