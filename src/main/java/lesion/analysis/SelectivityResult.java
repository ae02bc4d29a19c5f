package lesion.analysis;

/**
 * {@link Selectivity} on one network's layer of {@code units} units: per class, the standard deviation and the mean
 * over the units of the class's single-unit drop (fractions; NaN for a class without test images).
 */
public record SelectivityResult(int layer, String layerName, int units, double[] perClassStd,
        double[] perClassMean) implements AnalysisResult {
}
