package lesion.ast;

import java.util.List;
import lesion.source.Span;

/** One statement of a study; every statement knows the span of its source text. */
public sealed interface Statement {
    Span span();

    /** The statement's keyword, as users write it ({@code ablate}, {@code recover}, …). */
    String keyword();

    /** {@code study "title";} */
    record Title(StrLit title, Span span) implements Statement {
        public String keyword() {
            return "study";
        }
    }

    /** {@code seed 2019;} */
    record Seed(IntLit value, Span span) implements Statement {
        public String keyword() {
            return "seed";
        }
    }

    /** {@code data mnist|fashion|idx "dir" [limit [train N] [test M]];} path is null but for idx. */
    record Data(Word source, StrLit path, IntLit limitTrain, IntLit limitTest, Span span) implements Statement {
        public String keyword() {
            return "data";
        }
    }

    /** {@code model …;} */
    record Model(ModelSpec spec, Span span) implements Statement {
        public String keyword() {
            return "model";
        }
    }

    /** {@code weights "w.npz";} */
    record Weights(StrLit path, Span span) implements Statement {
        public String keyword() {
            return "weights";
        }
    }

    /** {@code train N epochs [batch B] [adam LR | sgd LR [momentum M]];} unwritten parts are null. */
    record Train(IntLit epochs, IntLit batch, Optimizer optimizer, Span span) implements Statement {
        public String keyword() {
            return "train";
        }
    }

    /** {@code instances N;} */
    record Instances(IntLit count, Span span) implements Statement {
        public String keyword() {
            return "instances";
        }
    }

    /** {@code evaluate;} */
    record Evaluate(Span span) implements Statement {
        public String keyword() {
            return "evaluate";
        }
    }

    /** {@code ablate TARGET SELECTION [using METHOD];} method is null for the default (zero). */
    record Ablate(LayerTarget target, Selection selection, Method method, Span span) implements Statement {
        public String keyword() {
            return "ablate";
        }
    }

    /** {@code recover DURATION [lr X] [batch B] [adam X | sgd X [momentum M]] [freeze …] [regrow];} */
    record Recover(Duration duration, NumLit lr, IntLit batch, Optimizer optimizer, Freeze freeze, boolean regrow,
            Span span) implements Statement {
        public String keyword() {
            return "recover";
        }
    }

    /** {@code restore;} back to the trained networks. */
    record Restore(Span span) implements Statement {
        public String keyword() {
            return "restore";
        }
    }

    /** {@code repeat N { … }}: each pass continues from what the last left. */
    record Repeat(IntLit count, List<Statement> body, Span span) implements Statement {
        public Repeat {
            body = List.copyOf(body);
        }

        public String keyword() {
            return "repeat";
        }
    }

    /** {@code importance layer L by mannwhitney;} */
    record Importance(LayerRef layer, Word criterion, Span span) implements Statement {
        public String keyword() {
            return "importance";
        }
    }

    /** {@code redundancy layer L;} */
    record Redundancy(LayerRef layer, Span span) implements Statement {
        public String keyword() {
            return "redundancy";
        }
    }

    /** {@code selectivity layer L;} */
    record Selectivity(LayerRef layer, Span span) implements Statement {
        public String keyword() {
            return "selectivity";
        }
    }

    /** {@code embed tsne;} */
    record Embed(Word method, Span span) implements Statement {
        public String keyword() {
            return "embed";
        }
    }

    /** {@code report "dir";} */
    record Report(StrLit dir, Span span) implements Statement {
        public String keyword() {
            return "report";
        }
    }
}
