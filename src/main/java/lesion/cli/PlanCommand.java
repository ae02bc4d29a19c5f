package lesion.cli;

import java.util.concurrent.Callable;
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
        StudyInput.Compilation c = input.compile(Engines.inspector(), spec.commandLine().getErr());
        if (c.ok()) {
            spec.commandLine().getOut().print(c.compiled().plan().render());
            spec.commandLine().getOut().flush();
        }
        return c.exit();
    }
}
