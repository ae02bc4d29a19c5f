/**
 * The analyses of a run's results: {@code importance} ({@link Importance}), {@code redundancy}
 * ({@link Redundancy}) and {@code selectivity} ({@link Selectivity}), one network at a time, and the spread of a
 * figure over networks ({@link Spread}). Plain Java and commons-math3: they read weights as {@code float[][]} (one
 * row per unit, as {@code lesion.engine.Weights} gives them) and ablation results as {@link UnitDrop}s, never a
 * network or a data set, and never change their inputs, so what the evaluations use stays as it was.
 */
package lesion.analysis;
