package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lesion.ast.AstPrinter;
import lesion.source.SourceFile;
import org.junit.jupiter.api.Test;

class AstPrinterTest {
    private static String print(String text) {
        return AstPrinter.print(Parser.parse(new SourceFile("x.study", text)).study());
    }

    @Test
    void printsEveryFieldWithItsPosition() {
        assertEquals("""
                Study x.study
                  Seed @1:1-10 value=2019@1:6
                  Ablate @2:1-45
                    target: LayerTarget.One @2:8-14 layer=0@2:14
                    selection: Selection.Listed @2:16-27 noun=units@2:16 units=[12@2:22, 19@2:26]
                    method: Method @2:29-44 kind=noise@2:35 sigma=1e-1(0.1)@2:41
                """, print("seed 2019;\nablate layer 0 units 12, 19 using noise 1e-1;"));
    }

    @Test
    void nodesOverSeveralLinesShowWhereTheyEnd() {
        assertEquals("""
                Study x.study
                  Repeat @1:1-3:1 count=2@1:8
                    body[0]: Evaluate @2:3-11
                """, print("repeat 2 {\n  evaluate;\n}"));
    }

    @Test
    void stringsAreQuotedAndEscaped() {
        assertEquals("""
                Study x.study
                  Title @1:1-19 title="a \\"b\\" \\\\"@1:7
                """, print("study \"a \\\"b\\\" \\\\\";"));
    }
}
