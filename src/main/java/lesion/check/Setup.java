package lesion.check;

import lesion.ast.Statement;

/**
 * The set-up a study declares before its experiments: title, seed, data, model and its layers,
 * training and the number of instances. Statements not written are null (seed, instances and
 * title have defaults).
 */
public record Setup(String title, long seed, boolean seedWritten, Statement.Data data, DataShape dataShape,
        Statement.Model model, LayerTable layers, Statement.Weights weights, Statement.Train train, int instances) {
}
