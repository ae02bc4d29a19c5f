package lesion.plan;

import java.nio.file.Path;

/**
 * The data a study reads: {@code source} is mnist, fashion or idx (then {@code folder} is set);
 * the limits keep the first images of each split; counts are -1 where unknown before reading.
 */
public record DataPlan(String source, Path folder, int limitTrain, int limitTest, int trainCount, int testCount) {
    public static final int NO_LIMIT = -1;

    public String describe() {
        StringBuilder out = new StringBuilder("data ").append(source);
        if (folder != null) {
            out.append(" \"").append(folder).append('"');
        }
        out.append(": train ").append(Format.count(trainCount)).append(", test ").append(Format.count(testCount));
        if (limitTrain != NO_LIMIT || limitTest != NO_LIMIT) {
            out.append(" (the first images of each split)");
        }
        return out.toString();
    }
}
