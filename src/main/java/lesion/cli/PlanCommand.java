package lesion.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lesion.interpret.ExitCodes;
import lesion.interpret.Frontend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lesion plan FILE}: prints what a study compiles to, like SQL's EXPLAIN; deterministic. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print the plan of a study as a tree: resolved layers and units, variants, seeds, cost.",
            "Nothing is trained or evaluated."})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    StudyInput input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int[] exit = {0};
        Frontend.Compiled compiled = input.compile(Engines.inspector(), err, exit);
        if (compiled != null && exit[0] == ExitCodes.OK) {
            spec.commandLine().getOut().print(compiled.plan().render());
            spec.commandLine().getOut().flush();
        }
        return exit[0];
    }
}
