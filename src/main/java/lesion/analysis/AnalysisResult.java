package lesion.analysis;

/** What an analysis found on one network's layer; the writers and the summary print it. */
public sealed interface AnalysisResult permits ImportanceResult, RedundancyResult, SelectivityResult {
    /** The layer analysed, as {@code lesion layers} numbers it. */
    int layer();

    /** The layer's name, as {@code lesion layers} prints it. */
    String layerName();
}
