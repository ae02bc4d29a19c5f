package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import lesion.golden.Golden;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every study we ship in examples/ and studies/ must check cleanly, without warnings other than the deliberate one
 * about zero before a batch norm: users start from them.
 */
class ShippedStudiesTest {
    @TestFactory
    Stream<DynamicTest> shippedStudiesCheck() {
        return Stream.of("examples", "studies").flatMap(folder -> {
            List<java.nio.file.Path> studies = Golden.studies(folder, n -> true);
            return studies.stream().map(study -> DynamicTest.dynamicTest(Golden.name(study), () -> {
                CliRunner.Result r = CliRunner.run("check", Golden.name(study));
                assertEquals(ExitCodes.OK, r.exit(), r.err());
                // the paper's method is zero, so the VGG studies keep the warning that it does not silence a filter
                // before a batch norm (the results record whether it did); any other warning is a mistake
                String other = r.err().lines().filter(line -> line.contains(": warning: ")
                        && !line.contains("zeroing a filter before a batch normalisation does not silence it"))
                        .reduce("", (a, b) -> a + b + "\n");
                assertEquals("", other, "no other warnings expected in shipped studies");
                assertEquals(0, r.err().lines().filter(line -> line.contains(": error: ")).count(), r.err());
            }));
        });
    }
}
