package lesion.plan;

import lesion.source.Span;

/** Returns to the trained, unablated networks. */
public record RestoreStep(String id, String statement, Span span, long seed) implements Step {
    public String keyword() {
        return "restore";
    }

    public long variants() {
        return 0;
    }

    public long forwardPasses() {
        return 0;
    }

    public Tree explain() {
        return new Tree(heading()).add("back to the trained networks");
    }
}
