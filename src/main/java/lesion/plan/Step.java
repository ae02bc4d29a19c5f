package lesion.plan;

import lesion.source.Span;

/**
 * One compiled statement of a study's experiments. Every step knows where it came from, the
 * seed its random choices derive from, how many variants it makes per network and roughly how
 * many forward passes over single images it costs per network.
 */
public sealed interface Step permits EvaluateStep, AblateStep, RecoverStep, RestoreStep, RepeatStep, AnalysisStep,
        EmbedStep, ReportStep {
    /** The step's label: its position, {@code 3} or, inside a repeat block, {@code 3.1}. */
    String id();

    /** The statement's keyword ({@code ablate}, …). */
    String keyword();

    /** The statement as written, whitespace and comments normalised. */
    String statement();

    Span span();

    long seed();

    long variants();

    long forwardPasses();

    Tree explain();

    /** The heading line every step's explain tree starts with. */
    default String heading() {
        return id() + ". " + statement() + "  [line " + span().line() + "]";
    }
}
