package lesion.parse;

import java.util.Collection;
import java.util.Locale;
import lesion.source.Hints;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Finds the keyword a misspelt word was probably meant to be. */
final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate nearest to {@code word}, by the project's rule ({@link Hints#nearest}), or null.
     * A word is not corrected into a candidate it shares nothing with: the distance must be smaller
     * than the word's length, so that {@code x} does not suggest {@code bn}.
     */
    static String suggest(String word, Collection<String> candidates) {
        String written = word.toLowerCase(Locale.ROOT);
        return Hints.nearest(written, candidates)
                .filter(c -> LevenshteinDistance.getDefaultInstance().apply(written, c) < written.length())
                .orElse(null);
    }
}
