package lesion.plan;

import lesion.source.Span;

/** A 2-D embedding of the test images (t-SNE), computed once per data set and cached. */
public record EmbedStep(String id, String statement, Span span, long seed, String method, long testCount)
        implements Step {
    public String keyword() {
        return "embed";
    }

    public long variants() {
        return 0;
    }

    public long forwardPasses() {
        return 0;
    }

    public Tree explain() {
        return new Tree(heading()).add(method + " of " + Format.count(testCount) + " test images, cached per data set")
                .add("seed: " + seed);
    }
}
