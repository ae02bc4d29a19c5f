package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import lesion.golden.Golden;
import lesion.source.Diagnostic;
import lesion.source.DiagnosticPrinter;
import lesion.source.SourceFile;
import org.junit.jupiter.api.Test;

/** Damaged studies never crash the parser: each gives a study or errors (never both), with spans inside the text. */
class RobustnessTest {
    private static final String[] PIECES = {";", ",", "..", "-", "{", "}", "\"", "%", "@", "#", "\n", " ", "x",
        "12", "1.5", "25%", "layer", "units", "repeat", "ablate", "recover", "epochs", "freeze", "by"};

    @Test
    void damagedStudiesGiveDiagnosticsNotExceptions() {
        Random random = new Random(2019);
        List<Path> studies = Golden.studies("tests/parse", name -> true);
        assertTrue(studies.size() > 0);
        for (int round = 0; round < 200; round++) {
            String text = Golden.read(studies.get(random.nextInt(studies.size())));
            StringBuilder damaged = new StringBuilder(text);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && damaged.length() > 0; e++) {
                int at = random.nextInt(damaged.length());
                switch (random.nextInt(3)) {
                    case 0 -> damaged.deleteCharAt(at);
                    case 1 -> damaged.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    default -> damaged.delete(at, Math.min(damaged.length(), at + 1 + random.nextInt(12)));
                }
            }
            SourceFile source = new SourceFile("damaged.study", damaged.toString());
            ParseResult result = Parser.parse(source);
            assertEquals(result.study() == null, result.diagnostics().hasErrors(), damaged::toString);
            for (Diagnostic d : result.diagnostics().sorted()) {
                assertTrue(d.span().startOffset() >= 0 && d.span().endOffset() <= source.text().length()
                        && d.span().startOffset() <= d.span().endOffset(), d::toString);
                assertTrue(d.span().line() >= 1 && d.span().column() >= 1, d::toString);
                String rendered = DiagnosticPrinter.render(source, d);
                assertTrue(rendered.startsWith("damaged.study:"), rendered);
            }
        }
    }
}
