package lesion.cli;

import java.util.concurrent.Callable;
import lesion.interpret.Frontend;
import lesion.plan.Format;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lesion check FILE}: parses and checks a study against its model, printing every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a study: syntax, layers, units and numbers, without running anything.",
            "Exit codes: 0 valid, 65 invalid study, 66 file not readable, 2 usage."})
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    StudyInput input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        StudyInput.Compilation c = input.compile(Engines.inspector(), spec.commandLine().getErr());
        if (c.ok()) {
            Frontend.Compiled compiled = c.compiled();
            int steps = compiled.plan().steps().size();
            spec.commandLine().getOut().println(compiled.source().name() + ": ok, " + steps
                    + (steps == 1 ? " step, " : " steps, ") + Format.variants(compiled.plan().totalVariants()));
        }
        return c.exit();
    }
}
