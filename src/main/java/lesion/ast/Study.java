package lesion.ast;

import java.util.List;
import lesion.source.SourceFile;

/** A parsed study: its source and its statements in order. */
public record Study(SourceFile source, List<Statement> statements) {
    public Study {
        statements = List.copyOf(statements);
    }
}
