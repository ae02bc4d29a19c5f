package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.stream.Stream;
import lesion.ast.AstPrinter;
import lesion.golden.Golden;
import lesion.source.DiagnosticPrinter;
import lesion.source.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every study under {@code tests/parse/} parses, and its AST prints as its {@code .expected} file says. */
class ParseGoldenTest {
    @TestFactory
    Stream<DynamicTest> parseTrees() {
        return Golden.tests("tests/parse", name -> true, study -> {
            SourceFile source = new SourceFile(Golden.name(study), Golden.read(study));
            ParseResult result = Parser.parse(source);
            if (!result.ok()) {
                fail("does not parse:\n" + DiagnosticPrinter.renderAll(source, result.diagnostics().sorted()));
            }
            return AstPrinter.print(result.study());
        });
    }

    /** The statement-by-statement reader builds the same AST as one pass of the grammar's {@code study} rule. */
    @TestFactory
    Stream<DynamicTest> sameAsWholeStudyRule() {
        return Golden.studies("tests/parse", name -> true).stream().map(study -> DynamicTest.dynamicTest(
                Golden.name(study), () -> {
                    SourceFile source = new SourceFile(Golden.name(study), Golden.read(study));
                    assertEquals(Parser.parseWhole(source), Parser.parse(source).study());
                }));
    }
}
