package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import lesion.golden.Golden;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code lesion plan} on every study in tests/plan prints exactly its {@code .expected} tree, every time. */
class PlanGoldenTest {
    @TestFactory
    Stream<DynamicTest> plansMatchTheirGoldenFiles() {
        return Golden.tests("tests/plan", name -> true, study -> {
            CliRunner.Result r = CliRunner.run("plan", Golden.name(study));
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            return r.out();
        });
    }

    @Test
    void planIsByteIdenticalAcrossInvocations() {
        String first = CliRunner.run("plan", "tests/plan/plan-04-recovery.study").out();
        String second = CliRunner.run("plan", "tests/plan/plan-04-recovery.study").out();
        assertEquals(first, second);
    }
}
