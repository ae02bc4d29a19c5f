/**
 * Chooses the units (or filters) each variant of a run-time selection removes: seeded random
 * groups, the lowest-ranked units by weight magnitude or by Mann-Whitney p-value, and groups of
 * similar filters around references. Plain Java and commons-math3; it reads weights as
 * {@code float[][]} (one row per unit: its incoming weights flattened, bias excluded) and never
 * touches DL4J, so the rules are testable without a network.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Order of variants.</b> Proportions in the order the statement writes them; within a
 *     proportion, repetitions (random) or references (similarity) ascending. A ranked selection
 *     makes one variant per proportion.</li>
 * <li><b>Units of a variant</b> are distinct and sorted ascending.</li>
 * <li><b>Random</b> ({@link RandomGroups}): repetition {@code k} (counted from 1) of proportion
 *     {@code p} in layer {@code L} draws {@code count} distinct units of the layer's {@code n}
 *     with {@link java.util.SplittableRandom} seeded by
 *     {@code Seeds.derive(stepSeed, "layer L / p% / k")} (percent as {@code Format.percent} prints
 *     it; inside a repeat block {@code " / pass P"} is appended, P counted from 1), by a partial
 *     Fisher-Yates shuffle of {@code 0..n-1}. So a subset depends only on (seed, layer, percent,
 *     repetition, pass): adding a proportion or a repetition does not change the others.</li>
 * <li><b>Magnitude</b> ({@link MagnitudeRanking}): the units with the smallest L1 norm of their
 *     incoming weights (bias excluded), summed in double precision; ties go to the lower index.</li>
 * <li><b>Mann-Whitney</b> ({@link MannWhitneyRanking}): per unit the two-sided p-value of
 *     commons-math3's {@code MannWhitneyUTest.mannWhitneyUTest(initial, trained)} (normal
 *     approximation, average ranks for ties, no tie or continuity correction); the units with the
 *     highest p-value (weights that changed least) go first; ties to the lower index.</li>
 * <li><b>Similarity</b> ({@link SimilarityGroups}): each filter's weights divided by their L2 norm
 *     in double precision (a zero vector stays zero: it is at distance exactly 1 from every
 *     non-zero filter and 0 from another zero filter); the group of a reference is the reference
 *     and its {@code count - 1} nearest other filters by euclidean distance, ties to the lower
 *     index. References are all
 *     filters, or with {@code sample K} a seeded sample of K without replacement drawn like a
 *     random group with the key {@code "layer L / references"}, in ascending order; the same
 *     references serve every proportion.</li>
 * </ul>
 */
package lesion.select;
