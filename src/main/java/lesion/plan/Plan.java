package lesion.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * A checked study compiled for execution: set-up resolved, every step with its layers, units,
 * variant count, seed and cost. Immutable; {@link #render()} is the deterministic EXPLAIN text.
 * Paths in the plan are as written; {@code baseDir} (not printed) is what they are relative to.
 */
public record Plan(String title, String sourceName, Path baseDir, long seed, boolean seedWritten, DataPlan data,
        ModelPlan model, TrainPlan train, int instances, List<Step> steps) {
    public Plan {
        steps = List.copyOf(steps);
    }

    /** The seed of network {@code instance}'s initial weights and training order. */
    public long networkSeed(int instance) {
        return Seeds.derive(seed, "network " + instance);
    }

    /**
     * The seed of {@code step} for network {@code instance}: the step's own seed for instance 0, so that a study
     * with one network does not depend on this rule, and {@code derive(step seed, "instance i")} for the others,
     * so each instance makes its own random choices and reproduces them.
     */
    public static long stepSeed(Step step, int instance) {
        return instance == 0 ? step.seed() : Seeds.derive(step.seed(), "instance " + instance);
    }

    public long totalVariants() {
        return instances * steps.stream().mapToLong(Step::variants).sum();
    }

    /** Forward passes of all steps over all instances (training counted apart), -1 when unknown. */
    public long totalForwardPasses() {
        long sum = 0;
        for (Step s : steps) {
            if (s.forwardPasses() < 0) {
                return -1;
            }
            sum += s.forwardPasses();
        }
        return instances * sum;
    }

    /** Training passes (forward and backward over one image) of all instances, -1 when unknown. */
    public long trainingPasses() {
        if (train == null) {
            return 0;
        }
        return data.trainCount() < 0 ? -1 : (long) instances * train.epochs() * data.trainCount();
    }

    public String render() {
        Tree root = new Tree("plan for study \"" + title + "\" (" + sourceName + ")");
        root.add("seed " + seed + (seedWritten ? "" : " (no 'seed' written: the default)"));
        root.add(data.describe());
        root.add("model " + model.description() + ": " + model.layers().size() + " layers, "
                + Format.count(model.layers().totalParams()) + " parameters");
        if (model.weights() != null) {
            root.add("weights from \"" + model.weights() + "\"");
        }
        if (train != null) {
            root.add(new Tree("train " + train.describe())
                    .add("training passes: " + Format.count(trainingPasses()) + " (forward and backward, all instances)")
                    .add("network seed: " + networkSeed(0) + (instances > 1 ? " (instance 0)" : ""))
                    .add("cached: skipped when the same model, data, settings and seed were trained before"));
        } else if (model.kind().equals("mlp") || model.kind().equals("vgg19")) {
            root.add("no training: the networks keep their initial weights");
        } else {
            root.add("no training: the model's own weights are used");
        }
        if (instances == 1) {
            root.add("instances: 1");
        } else {
            root.add(new Tree("instances: " + instances + " (independently seeded networks)")
                    .add("network i: initial weights and training order from derive(study seed, \"network i\")")
                    .add("steps of network i > 0: seeds derive(step seed, \"instance i\"), so random choices differ")
                    .add("results: one row per network and variant, and mean, standard deviation and 95% interval "
                            + "over the networks"));
        }
        Tree steps = new Tree("steps (per network)");
        for (Step s : this.steps) {
            steps.add(s.explain());
        }
        if (this.steps.isEmpty()) {
            steps.add("none");
        }
        root.add(steps);
        root.add("total: " + Format.count(totalVariants()) + " variants, " + Format.count(totalForwardPasses())
                + " forward passes over single images");
        return root.render();
    }
}
