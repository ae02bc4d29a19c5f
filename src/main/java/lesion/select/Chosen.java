package lesion.select;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One variant a selection chose: the units it removes (distinct, ascending), a short label for
 * the results ("repeat 2", "reference 7", "by magnitude"), and where it comes from, so that rows
 * can be grouped by proportion and by reference or repetition.
 *
 * @param units           the units or filters removed, ascending
 * @param label           a short description of the variant within its proportion
 * @param proportionIndex index of the proportion in the statement's list, from 0; -1 when the
 *                        selection has no proportions (listed units, each, pairs)
 * @param percent         the proportion as written (25 for {@code 25%}); NaN when there is none
 * @param reference       the reference unit of a similarity group; -1 otherwise
 * @param repetition      the repetition of a random group, from 1; 0 otherwise
 */
public record Chosen(int[] units, String label, int proportionIndex, double percent, int reference, int repetition) {
    public Chosen {
        units = units.clone();
        Objects.requireNonNull(label);
    }

    @Override
    public int[] units() {
        return units.clone();
    }

    /** How many units the variant removes. */
    public int count() {
        return units.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chosen c && Arrays.equals(c.units, units) && c.label.equals(label)
                && c.proportionIndex == proportionIndex && Double.compare(c.percent, percent) == 0
                && c.reference == reference && c.repetition == repetition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(units), label, proportionIndex, percent, reference, repetition);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (proportion %d = %s%%): %s", label, proportionIndex, percent,
                Arrays.toString(units));
    }
}
