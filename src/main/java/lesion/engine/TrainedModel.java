package lesion.engine;

/** A trained network together with the untrained network it started from, and whether it came from the cache. */
public record TrainedModel(Network initial, Network trained, boolean fromCache) {
}
