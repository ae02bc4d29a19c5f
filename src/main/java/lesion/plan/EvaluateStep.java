package lesion.plan;

import lesion.source.Span;

/** Measures the unablated networks: top-1, top-5, per class and per sample. */
public record EvaluateStep(String id, String statement, Span span, long seed, long testCount) implements Step {
    public String keyword() {
        return "evaluate";
    }

    /** An evaluation makes no variant: it measures the networks as they are. */
    public long variants() {
        return 0;
    }

    public long forwardPasses() {
        return Math.max(0, testCount);
    }

    public Tree explain() {
        return new Tree(heading()).add("top-1, top-5, per-class accuracy, per-sample correctness")
                .add("forward passes: " + Format.count(testCount));
    }
}
