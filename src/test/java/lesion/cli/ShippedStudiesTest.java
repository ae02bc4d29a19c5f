package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import lesion.golden.Golden;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every study we ship in examples/ and studies/ must check cleanly: users start from them. */
class ShippedStudiesTest {
    @TestFactory
    Stream<DynamicTest> shippedStudiesCheck() {
        return Stream.of("examples", "studies").flatMap(folder -> {
            List<java.nio.file.Path> studies = Golden.studies(folder, n -> true);
            return studies.stream().map(study -> DynamicTest.dynamicTest(Golden.name(study), () -> {
                CliRunner.Result r = CliRunner.run("check", Golden.name(study));
                assertEquals(ExitCodes.OK, r.exit(), r.err());
                assertEquals("", r.err(), "no warnings expected in shipped studies");
            }));
        });
    }
}
