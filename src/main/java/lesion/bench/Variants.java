package lesion.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The benchmark's variants: every unit and every pair, and seeded random groups of a proportion of filters. */
final class Variants {

    private Variants() {
    }

    /** {0}, {1}, ..., then every unordered pair {i, j} with i < j: the language's {@code each} then {@code pairs}. */
    static List<int[]> eachAndPairs(int units) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            out.add(new int[] {i});
        }
        for (int i = 0; i < units; i++) {
            for (int j = i + 1; j < units; j++) {
                out.add(new int[] {i, j});
            }
        }
        return out;
    }

    /**
     * {@code count} groups of ceil(fraction · units) (at least 1) distinct units each, drawn from {@code random}: the
     * first units of a Fisher-Yates shuffle of 0..units-1, sorted.
     */
    static List<int[]> randomGroups(int units, double fraction, int count, Random random) {
        int size = Math.max(1, (int) Math.ceil(fraction * units - 1e-9));
        List<int[]> out = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            int[] all = new int[units];
            for (int i = 0; i < units; i++) {
                all[i] = i;
            }
            for (int i = units - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            int[] group = java.util.Arrays.copyOf(all, size);
            java.util.Arrays.sort(group);
            out.add(group);
        }
        return out;
    }
}
