package lesion.cli;

import lesion.check.ModelInspector;
import lesion.engine.ModelFileInspector;

/** The engine-backed services the front-end needs (reading the layers of model files). */
final class Engines {
    private Engines() {
    }

    /** For check, plan and layers: a zoo model must already be in DL4J's cache. */
    static ModelInspector inspector() {
        return new ModelFileInspector();
    }

    /** For run: a zoo model missing from DL4J's cache is downloaded, since its layers are needed to check the study. */
    static ModelInspector downloadingInspector() {
        return new ModelFileInspector(null, true);
    }
}
