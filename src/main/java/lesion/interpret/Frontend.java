package lesion.interpret;

import java.nio.file.Path;
import lesion.ast.Study;
import lesion.check.Checker;
import lesion.check.ModelInspector;
import lesion.check.Setup;
import lesion.parse.ParseResult;
import lesion.parse.Parser;
import lesion.plan.Plan;
import lesion.plan.Planner;
import lesion.source.Diagnostics;
import lesion.source.SourceFile;

/**
 * Where the front-end stages meet: source text is parsed, checked against the model and, when
 * nothing is wrong, planned. A study with any error never gets a plan, so it is never executed.
 */
public final class Frontend {
    private final ModelInspector inspector;

    public Frontend(ModelInspector inspector) {
        this.inspector = inspector;
    }

    /** What the front-end made of a study: all diagnostics, the set-up if it was understood, and the plan if valid. */
    public record Compiled(SourceFile source, Diagnostics diagnostics, Study study, Setup setup, Plan plan) {
        public boolean ok() {
            return plan != null && !diagnostics.hasErrors();
        }
    }

    public Compiled compile(SourceFile source, Path baseDir) {
        ParseResult parsed = Parser.parse(source);
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(parsed.diagnostics());
        if (parsed.diagnostics().hasErrors() || parsed.study() == null) {
            return new Compiled(source, diagnostics, null, null, null);
        }
        Checker.Result checked = new Checker(inspector, baseDir).check(parsed.study());
        diagnostics.addAll(checked.diagnostics());
        if (!checked.ok()) {
            return new Compiled(source, diagnostics, parsed.study(), checked.setup(), null);
        }
        Plan plan = new Planner(parsed.study(), checked.setup(), baseDir).plan();
        return new Compiled(source, diagnostics, parsed.study(), checked.setup(), plan);
    }
}
