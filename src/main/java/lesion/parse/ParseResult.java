package lesion.parse;

import lesion.ast.Study;
import lesion.source.Diagnostics;

/**
 * What the parser made of a study: the study, and the diagnostics of its text.
 *
 * <p>{@code study} is null whenever {@code diagnostics} has an error. That is deliberate: a study
 * with a syntax error must never be checked, planned or run, because any tree read from broken text
 * is a guess at what it meant ({@code ablate layer x unit 3} could be read as an ablation of layer
 * 3), and running a guess costs hours of training on the wrong experiment.
 */
public record ParseResult(Study study, Diagnostics diagnostics) {
    public ParseResult {
        if (study != null && diagnostics.hasErrors()) {
            throw new IllegalArgumentException("a study with syntax errors must not be returned");
        }
    }

    /** Whether the text parsed without errors, so that {@link #study()} is not null. */
    public boolean ok() {
        return study != null;
    }
}
