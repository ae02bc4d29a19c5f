package lesion.plan;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Which units of one layer an ablation removes, resolved against the layer's size. */
public sealed interface SelectionPlan {
    /** Number of variants this selection makes. */
    long variants();

    /** What the selection removes, in words; {@code noun} is "units" or "filters". */
    String describe(String noun);

    private static String one(String noun) {
        return noun.substring(0, noun.length() - 1);
    }

    /** Fixed units removed together: one variant. */
    record Units(int[] units) implements SelectionPlan {
        public long variants() {
            return 1;
        }

        public String describe(String noun) {
            if (units.length == 1) {
                return one(noun) + " " + units[0] + " alone: 1 variant";
            }
            return noun + " " + Arrays.stream(units).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                    + " together: 1 variant";
        }
    }

    /** Every unit alone. */
    record Each(int units) implements SelectionPlan {
        public long variants() {
            return units;
        }

        public String describe(String noun) {
            return "each of " + units + " " + noun + " alone: " + Format.variants(units);
        }
    }

    /** Every unordered pair. */
    record Pairs(int units) implements SelectionPlan {
        public long variants() {
            return (long) units * (units - 1) / 2;
        }

        public String describe(String noun) {
            return "every pair of " + units + " " + noun + ": " + Format.variants(variants());
        }
    }

    /** {@code repeat} seeded random groups of each size. */
    record Random(List<Double> percents, int[] counts, int repeat) implements SelectionPlan {
        public long variants() {
            return (long) counts.length * repeat;
        }

        public String describe(String noun) {
            return "random groups of " + sizes(percents, counts) + ", " + repeat + " per size: "
                    + Format.variants(variants());
        }
    }

    /** The lowest-ranked units by a criterion (magnitude: smallest L1 norm; mannwhitney: highest p-value). */
    record Ranked(String criterion, List<Double> percents, int[] counts) implements SelectionPlan {
        public long variants() {
            return counts.length;
        }

        public String describe(String noun) {
            return "the " + sizes(percents, counts) + " ranked lowest by " + criterion + ": "
                    + Format.variants(variants());
        }
    }

    /** Each reference unit (all, or a seeded sample) with its nearest units by weight similarity. */
    record Similar(List<Double> percents, int[] counts, int references, boolean sampled) implements SelectionPlan {
        public long variants() {
            return (long) counts.length * references;
        }

        public String describe(String noun) {
            return "groups of " + sizes(percents, counts) + " by similarity around " + references
                    + (sampled ? " sampled" : "") + " reference " + noun + ": " + Format.variants(variants());
        }
    }

    private static String sizes(List<Double> percents, int[] counts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            out.append(i == 0 ? "" : ", ").append(Format.percent(percents.get(i))).append(" = ").append(counts[i]);
        }
        return out.toString();
    }
}
