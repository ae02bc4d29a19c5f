package lesion.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lesion.interpret.ExitCodes;
import lesion.interpret.Frontend;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lesion layers FILE}: the model's layers with the numbering the language uses. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = {"List the layers of a study's model: index, name, type, output shape, parameters, units.",
            "These indices and names are what 'ablate layer …' refers to."})
public final class LayersCommand implements Callable<Integer> {
    @Mixin
    StudyInput input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        int[] exit = {0};
        Frontend.Compiled compiled;
        try {
            compiled = new Frontend(Engines.inspector()).compile(input.read(), input.baseDir());
        } catch (StudyInput.InputException e) {
            err.println("lesion: " + e.getMessage());
            return ExitCodes.NO_INPUT;
        }
        // The layers only need a sound set-up: errors in later statements do not hide them.
        if (compiled.setup() != null && compiled.setup().layers() != null) {
            spec.commandLine().getOut().print(compiled.setup().layers().render());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        StudyInput.printDiagnostics(compiled, err);
        if (!compiled.diagnostics().hasErrors()) {
            err.println("lesion: " + input.file + ": the study declares no model");
        }
        return ExitCodes.INVALID_STUDY;
    }
}
