package lesion.cli;

import lesion.check.ModelInspector;
import lesion.engine.ModelFileInspector;

/** The engine-backed services the front-end needs (reading the layers of model files). */
final class Engines {
    private Engines() {
    }

    static ModelInspector inspector() {
        return new ModelFileInspector();
    }
}
