package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import lesion.golden.Golden;
import lesion.source.Diagnostic;
import lesion.source.DiagnosticPrinter;
import lesion.source.Diagnostics;
import lesion.source.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The studies {@code tests/check/syntax-*.study} have syntax errors, and their {@code .expected}
 * files hold exactly what {@code lesion check FILE} prints for them when run from the repository
 * root: each diagnostic as {@link DiagnosticPrinter} renders it, in source order, then
 * {@code N errors} when there is more than one (as {@code lesion.cli.StudyInput} prints them).
 * The other studies of that folder parse and belong to the checker's suite.
 */
class SyntaxErrorGoldenTest {
    @TestFactory
    Stream<DynamicTest> syntaxErrors() {
        return Golden.tests("tests/check", name -> name.startsWith("syntax-"), study -> {
            SourceFile source = new SourceFile(Golden.name(study), Golden.read(study));
            ParseResult result = Parser.parse(source);
            assertTrue(result.diagnostics().hasErrors(), "a syntax-* study must have a syntax error");
            assertNull(result.study(), "a study with syntax errors must not be returned");
            return checkOutput(source, result.diagnostics());
        });
    }

    /** What {@code lesion check} prints for diagnostics that stop a study. */
    static String checkOutput(SourceFile source, Diagnostics diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics.sorted()) {
            out.append(DiagnosticPrinter.render(source, d));
        }
        if (diagnostics.errorCount() > 1) {
            out.append(diagnostics.errorCount()).append(" errors\n");
        }
        return out.toString();
    }
}
