package lesion.analysis;

/**
 * What one ablation variant cost, as the analyses read it: the units removed together (one for a single-unit
 * ablation, two for a pair), the top-1 drop (baseline − variant, a fraction: positive is a loss), the same per class
 * (NaN for a class without test images) and the test images right in the baseline and wrong in the variant
 * (ascending indices). The analyses never change the arrays.
 */
public record UnitDrop(int[] units, double top1Drop, double[] perClassDrop, int[] newlyWrong) {
}
