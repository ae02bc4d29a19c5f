package lesion.select;

import lesion.plan.Seeds;

/**
 * Where a random choice is made: the ablate step's seed, the layer's index and, inside a
 * {@code repeat} block, the pass (from 1; 0 outside a block). Each choice's seed is
 * {@code Seeds.derive(stepSeed, "layer L / <what>")}, with {@code " / pass P"} appended inside a
 * block, so a choice does not depend on which other choices the statement makes.
 */
public record SeedScope(long stepSeed, int layer, int pass) {
    public SeedScope {
        if (layer < 0 || pass < 0) {
            throw new IllegalArgumentException("layer and pass must not be negative: " + layer + ", " + pass);
        }
    }

    /** The scope of a statement outside any repeat block. */
    public static SeedScope of(long stepSeed, int layer) {
        return new SeedScope(stepSeed, layer, 0);
    }

    /** The same statement and layer in pass {@code pass} (from 1) of a repeat block. */
    public SeedScope inPass(int pass) {
        if (pass < 1) {
            throw new IllegalArgumentException("passes are counted from 1: " + pass);
        }
        return new SeedScope(stepSeed, layer, pass);
    }

    /** The key naming a choice, e.g. {@code layer 0 / 25% / 3} or {@code layer 0 / references / pass 2}. */
    public String key(String what) {
        return "layer " + layer + " / " + what + (pass > 0 ? " / pass " + pass : "");
    }

    /** The seed of the choice {@code what}. */
    public long seed(String what) {
        return Seeds.derive(stepSeed, key(what));
    }
}
