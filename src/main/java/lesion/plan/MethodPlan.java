package lesion.plan;

/** How units are removed: zero, mask, mean, or noise with standard deviation {@code sigma}. */
public record MethodPlan(String kind, double sigma) {
    public static final MethodPlan ZERO = new MethodPlan("zero", 0);

    public String describe() {
        return switch (kind) {
            case "zero" -> "zero: incoming weights and bias set to 0";
            case "mask" -> "mask: output after activation and normalisation forced to 0";
            case "mean" -> "mean: output replaced by its mean over the test data";
            default -> "noise: gaussian noise with sigma " + Format.number(sigma) + " added to the output";
        };
    }
}
