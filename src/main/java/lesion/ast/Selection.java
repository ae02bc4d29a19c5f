package lesion.ast;

import java.util.List;
import lesion.source.Span;

/**
 * Which units (or filters) of a layer an {@code ablate} removes, and so how many variants it makes.
 * {@code noun} keeps the word written: {@code units} fits every layer (a convolution's units are its
 * filters), {@code filters} only convolutions, which the checker enforces.
 */
public sealed interface Selection {
    Word noun();

    Span span();

    /** {@code units 12} or {@code units 12, 19}: one variant removing all the listed units together. */
    record Listed(Word noun, List<IntLit> units, Span span) implements Selection {
        public Listed {
            units = List.copyOf(units);
        }
    }

    /** {@code units 3..7}: one variant removing the units in the inclusive range together. */
    record Range(Word noun, IntLit from, IntLit to, Span span) implements Selection {
    }

    /** {@code units each}: one variant per unit. */
    record Each(Word noun, Span span) implements Selection {
    }

    /** {@code units pairs}: one variant per unordered pair of units. */
    record Pairs(Word noun, Span span) implements Selection {
    }

    /** {@code filters 25% random [repeat K]}: K seeded random groups per proportion. */
    record Random(Word noun, List<PercentLit> fractions, IntLit repeat, Span span) implements Selection {
        public Random {
            fractions = List.copyOf(fractions);
        }
    }

    /** {@code filters 10% by magnitude} or {@code units 20% by mannwhitney}: the lowest-ranked units per proportion. */
    record Ranked(Word noun, List<PercentLit> fractions, Word criterion, Span span) implements Selection {
        public Ranked {
            fractions = List.copyOf(fractions);
        }
    }

    /** {@code groups 25% by similarity [sample K]}: each (or K sampled) unit as reference of a group of its nearest. */
    record Similar(Word noun, List<PercentLit> fractions, IntLit sample, Span span) implements Selection {
        public Similar {
            fractions = List.copyOf(fractions);
        }
    }
}
