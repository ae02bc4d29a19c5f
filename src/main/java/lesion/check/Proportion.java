package lesion.check;

/**
 * How a percentage of a layer becomes a number of units: p% of n rounds half up to the nearest
 * whole unit, and is at least 1 (25% of 20 units is 5; 1% of 64 filters is 1; 10% of 25 is 3).
 */
public final class Proportion {
    private Proportion() {
    }

    public static int count(double percent, int units) {
        long rounded = (long) Math.floor(percent * units / 100.0 + 0.5);
        return (int) Math.max(1, Math.min(units, rounded));
    }
}
