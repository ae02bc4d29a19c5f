package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordsTest {
    @Test
    void readsTheKeywordsFromTheLexer() {
        List<String> all = Keywords.all();
        assertTrue(all.containsAll(List.of("ablate", "units", "filters", "groups", "plateau", "tsne", "epochs")));
        assertFalse(all.contains("ident"), "token kinds are not keywords");
        assertFalse(all.contains(";"));
        assertEquals(all.size(), all.stream().distinct().count());
        assertTrue(Keywords.isKeyword("ABLATE"));
        assertFalse(Keywords.isKeyword("relu"));
    }

    @Test
    void statementKeywordsInGrammarOrder() {
        assertEquals(List.of("study", "seed", "data", "model", "weights", "train", "instances", "evaluate", "ablate",
                "recover", "restore", "repeat", "importance", "redundancy", "selectivity", "embed", "report"),
                Keywords.statements());
    }

    @Test
    void spellingSuggestsOnlyNearWords() {
        List<String> nouns = List.of("units", "filters", "groups");
        assertEquals("units", Spelling.suggest("unit", nouns));
        assertEquals("filters", Spelling.suggest("FILTER", nouns));
        assertEquals(null, Spelling.suggest("x", List.of("bn", "width")));
        assertEquals(null, Spelling.suggest("neurons", nouns));
    }
}
