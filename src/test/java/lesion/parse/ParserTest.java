package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lesion.ast.Duration;
import lesion.ast.IntLit;
import lesion.ast.LayerTarget;
import lesion.ast.ModelSpec;
import lesion.ast.Selection;
import lesion.ast.Statement;
import lesion.ast.Study;
import lesion.source.Diagnostic;
import lesion.source.SourceFile;
import lesion.source.Span;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static SourceFile source(String text) {
        return new SourceFile("t.study", text);
    }

    private static Study parse(String text) {
        ParseResult result = Parser.parse(source(text));
        assertTrue(result.ok(), () -> "errors: " + result.diagnostics().sorted());
        return result.study();
    }

    private static Statement only(String text) {
        List<Statement> statements = parse(text).statements();
        assertEquals(1, statements.size());
        return statements.get(0);
    }

    private static List<Diagnostic> errors(String text) {
        ParseResult result = Parser.parse(source(text));
        assertNull(result.study(), "a study with syntax errors has no AST");
        assertFalse(result.ok());
        return result.diagnostics().sorted();
    }

    @Test
    void spansAreOneBasedAndCoverTheTextWithItsSemicolon() {
        SourceFile src = source("seed 1;\n\n  ablate layer 33 filters 25% random;  # c\n");
        Study study = Parser.parse(src).study();
        Statement.Ablate ablate = (Statement.Ablate) study.statements().get(1);
        assertEquals(new Span(3, 3, 11, 46), ablate.span());
        assertEquals("ablate layer 33 filters 25% random;", src.slice(ablate.span()));
        LayerTarget.One target = (LayerTarget.One) ablate.target();
        assertEquals("layer 33", src.slice(target.span()));
        assertEquals(new Span(3, 16, 24, 26), target.layer().span());
        assertEquals(33, target.layer().index().value());
        Selection.Random random = (Selection.Random) ablate.selection();
        assertEquals("filters 25% random", src.slice(random.span()));
        assertEquals(new Span(3, 27, 35, 38), random.fractions().get(0).span());
        assertEquals(new Span(1, 1, 0, 7), study.statements().get(0).span());
    }

    @Test
    void spansCountCharsOfTheJavaStringEvenPastAnEmoji() {
        SourceFile src = source("study \"🧠\"; seed 12;\r\nevaluate;");
        Study study = Parser.parse(src).study();
        Statement.Seed seed = (Statement.Seed) study.statements().get(1);
        assertEquals("seed 12;", src.slice(seed.span()));
        assertEquals(1, seed.span().line());
        assertEquals(13, seed.span().column(), "the emoji is two chars");
        assertEquals("12", src.slice(seed.value().span()));
        Statement evaluate = study.statements().get(2);
        assertEquals(new Span(2, 1, 22, 31), evaluate.span());
        assertEquals("🧠", ((Statement.Title) study.statements().get(0)).title().value());
    }

    @Test
    void keywordsAreCaseInsensitiveAndWordsLowerCased() {
        Statement.Ablate ablate = (Statement.Ablate) only("ABLATE Layer Hidden1 UNITS Each USING Mask;");
        assertEquals("Hidden1", ((LayerTarget.One) ablate.target()).layer().name(), "layer names keep their case");
        assertEquals("units", ablate.selection().noun().text());
        assertEquals("mask", ablate.method().kind().text());
        ModelSpec.Mlp mlp = (ModelSpec.Mlp) ((Statement.Model) only("MODEL MLP 784-10 TanH NOBIAS;")).spec();
        assertEquals("tanh", mlp.activation().text());
        assertFalse(mlp.bias());
    }

    @Test
    void exponentsAndDecimalsAreNumbers() {
        Statement.Train train = (Statement.Train) only("train 1 epochs adam 1e-3;");
        assertEquals(0.001, train.optimizer().rate().value());
        assertEquals("1e-3", train.optimizer().rate().text());
        assertEquals("adam", train.optimizer().kind().text());
        Statement.Recover recover = (Statement.Recover) only("recover 1 epoch lr .5 sgd 2 momentum 0.9;");
        assertEquals(0.5, recover.lr().value());
        assertEquals(2.0, recover.optimizer().rate().value());
        assertEquals("2", recover.optimizer().rate().text());
        assertEquals(0.9, recover.optimizer().momentum().value());
    }

    @Test
    void dotsMakeRangesOfUnitsAndOfLayers() {
        Statement.Ablate units = (Statement.Ablate) only("ablate layer 0 units 3..7;");
        Selection.Range range = (Selection.Range) units.selection();
        assertEquals(3, range.from().value());
        assertEquals(7, range.to().value());
        Statement.Ablate layers = (Statement.Ablate) only("ablate layers 3..7 units each;");
        LayerTarget.Range target = (LayerTarget.Range) layers.target();
        assertEquals(3, target.from().index().value());
        assertEquals(7, target.to().index().value());
        Statement.Ablate named = (Statement.Ablate) only("ablate layers conv1..conv5 filters each;");
        LayerTarget.Range names = (LayerTarget.Range) named.target();
        assertEquals("conv1", names.from().name());
        assertEquals("conv5", names.to().name());
        Statement.Ablate dotted = (Statement.Ablate) only("ablate layer features.33 filters each;");
        assertEquals("features.33", ((LayerTarget.One) dotted.target()).layer().name());
    }

    @Test
    void mlpSizesAndDefaults() {
        SourceFile src = source("model mlp 784-20-10-10;");
        Statement.Model model = (Statement.Model) Parser.parse(src).study().statements().get(0);
        ModelSpec.Mlp mlp = (ModelSpec.Mlp) model.spec();
        assertEquals(List.of(784L, 20L, 10L, 10L), mlp.sizes().stream().map(IntLit::value).toList());
        assertEquals("relu", mlp.activation().text(), "the default activation");
        assertEquals("mlp", src.slice(mlp.activation().span()), "the default points at 'mlp'");
        assertTrue(mlp.bias());
        assertEquals("mlp 784-20-10-10", src.slice(mlp.span()));
    }

    @Test
    void unwrittenPartsAreNull() {
        ModelSpec.Vgg19 vgg = (ModelSpec.Vgg19) ((Statement.Model) only("model vgg19;")).spec();
        assertFalse(vgg.batchNorm());
        assertNull(vgg.width());
        Statement.Data data = (Statement.Data) only("data mnist;");
        assertNull(data.limitTrain());
        assertNull(data.limitTest());
        assertNull(data.path());
        Statement.Data test = (Statement.Data) only("data fashion limit test 100;");
        assertNull(test.limitTrain());
        assertEquals(100, test.limitTest().value());
        assertNull(((Statement.Ablate) only("ablate layer 0 units each;")).method(), "zero is the engine's default");
        Statement.Recover recover = (Statement.Recover) only("recover until plateau;");
        Duration.Plateau plateau = (Duration.Plateau) recover.duration();
        assertNull(plateau.min());
        assertNull(plateau.delta());
        assertNull(plateau.patience());
        assertNull(plateau.max());
        assertNull(recover.freeze());
        assertNull(recover.lr());
        assertFalse(recover.regrow());
    }

    @Test
    void repeatHoldsItsBody() {
        Statement.Repeat repeat = (Statement.Repeat) only("repeat 8 { ablate layer 0 units 1% random; recover 1 epoch; }");
        assertEquals(8, repeat.count().value());
        assertEquals(2, repeat.body().size());
        assertInstanceOf(Statement.Ablate.class, repeat.body().get(0));
        assertInstanceOf(Statement.Recover.class, repeat.body().get(1));
    }

    @Test
    void stringsAreUnescaped() {
        Statement.Title title = (Statement.Title) only("study \"a \\\"b\\\" \\\\ c:\\d\";");
        assertEquals("a \"b\" \\ c:\\d", title.title().value());
    }

    @Test
    void aSyntaxErrorMeansNoStudy() {
        List<Diagnostic> errors = errors("seed 1;\nablate layer x unit 3;\n");
        assertEquals(1, errors.size());
        Diagnostic d = errors.get(0);
        assertTrue(d.isError());
        assertEquals("unexpected 'unit'; expected 'units', 'filters' or 'groups'", d.message());
        assertEquals("did you mean 'units'?", d.hint());
        assertEquals(new Span(2, 16, 23, 27), d.span());
    }

    @Test
    void threeBrokenStatementsGiveThreeErrors() {
        List<Diagnostic> errors = errors("seed x;\ndata mnist;\nmodel mlp 784 10;\nevaluate;\nablat;\n");
        assertEquals(3, errors.size(), errors::toString);
        assertEquals(List.of(1, 3, 5), errors.stream().map(d -> d.span().line()).toList());
    }

    @Test
    void oneErrorPerStatementHoweverBroken() {
        assertEquals(1, errors("ablate layer layer units units 3 3 3 using;").size());
    }

    @Test
    void aMissingSemicolonPointsWhereItBelongsAndTheNextStatementIsStillRead() {
        List<Diagnostic> errors = errors("seed 1\ndata mnist limit;\n");
        assertEquals(2, errors.size());
        assertEquals("missing ';' at the end of the statement", errors.get(0).message());
        assertEquals(new Span(1, 7, 6, 6), errors.get(0).span());
        assertEquals("expected 'train' or 'test' after 'limit'", errors.get(1).message());
    }

    @Test
    void lexicalErrors() {
        assertEquals("unterminated string", errors("report \"out;\nevaluate;").get(0).message());
        assertEquals("unexpected character '@'", errors("seed @;").get(0).message());
        Diagnostic unknown = errors("ablat layer 0 units each;").get(0);
        assertEquals("unknown statement 'ablat'", unknown.message());
        assertEquals("did you mean 'ablate'?", unknown.hint());
        assertEquals("expected a whole number after 'seed'", errors("seed;").get(0).message());
    }

    @Test
    void aNumberTooLargeIsADiagnosticNotAnException() {
        Diagnostic d = errors("seed 123456789012345678901234567890;").get(0);
        assertEquals("the number '123456789012345678901234567890' is too large", d.message());
    }

    @Test
    void emptyAndCommentOnlyTextIsAnEmptyStudy() {
        assertEquals(0, parse("").statements().size());
        assertEquals(0, parse("# nothing\n\n  # at all").statements().size());
    }

    @Test
    void parseStatementsReadsReplInput() {
        ParseResult result = Parser.parseStatements(new SourceFile("<repl>", "seed 1; evaluate;"));
        assertNotNull(result.study());
        assertEquals(2, result.study().statements().size());
    }

    @Test
    void incompleteInputForTheRepl() {
        assertTrue(Parser.isIncomplete("ablate layer 0"));
        assertTrue(Parser.isIncomplete("repeat 2 { ablate layer 0 units each;"));
        assertTrue(Parser.isIncomplete("seed 1; # no end\nseed"));
        assertFalse(Parser.isIncomplete("seed 1;"));
        assertFalse(Parser.isIncomplete("repeat 2 { evaluate; }"));
        assertFalse(Parser.isIncomplete("  # just a comment"));
        assertFalse(Parser.isIncomplete(""));
        assertFalse(Parser.isIncomplete("report \"out"), "an unterminated string cannot go on on the next line");
    }
}
