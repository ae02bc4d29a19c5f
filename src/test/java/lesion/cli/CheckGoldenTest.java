package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import lesion.golden.Golden;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every broken study in tests/check: {@code lesion check} must exit 65 and print exactly the
 * diagnostics in the study's {@code .expected} file.
 */
class CheckGoldenTest {
    @TestFactory
    Stream<DynamicTest> brokenStudiesAreRejectedWithTheirDiagnostics() {
        return Golden.tests("tests/check", name -> true, study -> {
            CliRunner.Result r = CliRunner.run("check", Golden.name(study));
            assertEquals(ExitCodes.INVALID_STUDY, r.exit(), "exit code of lesion check " + Golden.name(study)
                    + "\n" + r.err());
            assertEquals("", r.out(), "a broken study prints nothing on standard output");
            return r.err();
        });
    }
}
