package lesion.plan;

import java.nio.file.Path;
import lesion.source.Span;

/** Copies the run's tables and HTML report to a folder. */
public record ReportStep(String id, String statement, Span span, long seed, Path folder) implements Step {
    public String keyword() {
        return "report";
    }

    public long variants() {
        return 0;
    }

    public long forwardPasses() {
        return 0;
    }

    public Tree explain() {
        return new Tree(heading()).add("tables and report copied to " + folder);
    }
}
