package lesion.cli;

import lesion.check.ModelInspector;

/** The engine-backed services the front-end needs (reading the layers of model files). */
final class Engines {
    private Engines() {
    }

    static ModelInspector inspector() {
        return ModelInspector.NONE;
    }
}
