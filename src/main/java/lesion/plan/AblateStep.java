package lesion.plan;

import java.util.List;
import lesion.source.Span;

/** Makes variants of each network by removing units of one or more layers, and evaluates each. */
public record AblateStep(String id, String statement, Span span, long seed, List<LayerAblation> layers,
        MethodPlan method, List<String> warnings, long testCount) implements Step {
    public AblateStep {
        layers = List.copyOf(layers);
        warnings = List.copyOf(warnings);
    }

    public String keyword() {
        return "ablate";
    }

    public long variants() {
        return layers.stream().mapToLong(LayerAblation::variants).sum();
    }

    public long forwardPasses() {
        return testCount < 0 ? -1 : variants() * testCount;
    }

    public Tree explain() {
        Tree t = new Tree(heading());
        boolean proportions = false;
        for (LayerAblation l : layers) {
            t.add(new Tree("layer " + l.layer().describe()).add(l.selection().describe(l.layer().unitNoun())));
            proportions |= l.selection() instanceof SelectionPlan.Random || l.selection() instanceof SelectionPlan.Ranked
                    || l.selection() instanceof SelectionPlan.Similar;
        }
        if (proportions) {
            t.add("a percentage of a layer rounds half up to whole units, at least 1");
        }
        t.add("method " + method.describe());
        t.add("variants: " + Format.count(variants()));
        t.add("seed: " + seed);
        t.add("forward passes: " + (testCount < 0 ? Format.count(-1)
                : Format.count(forwardPasses()) + " (" + Format.count(testCount) + " test images per variant)"));
        for (String w : warnings) {
            t.add("warning: " + w);
        }
        return t;
    }
}
