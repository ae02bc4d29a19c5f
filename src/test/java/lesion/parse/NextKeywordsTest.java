package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextKeywordsTest {
    private static List<String> after(String text) {
        return NextKeywords.after(text).orElseThrow();
    }

    @Test
    void aStatementBeginsWithAStatementKeyword() {
        assertEquals(Keywords.statements(), after(""));
        assertEquals(Keywords.statements(), after("seed 1;  # a comment\n"));
        assertEquals(Keywords.statements(), after("repeat 2 {"));
        assertEquals(Keywords.statements(), after("repeat 2 { evaluate; }"));
    }

    @Test
    void theKeywordsTheGrammarTakesNext() {
        assertEquals(List.of("layer", "layers"), after("ablate "));
        assertEquals(List.of("layer"), after("importance "));
        assertEquals(List.of("conv", "dense", "all"), after("ablate layers "));
        assertEquals(List.of("units", "filters", "groups"), after("ablate layer 3 "));
        assertEquals(List.of("each", "pairs"), after("ablate layer 3 units "));
        assertEquals(List.of("random", "by"), after("ablate layer 3 units 10% "));
        assertEquals(List.of("magnitude", "mannwhitney"), after("ablate layer 3 units 10% by "));
        assertEquals(List.of("similarity"), after("ablate layer 3 groups 10% by "));
        assertEquals(List.of("zero", "mask", "mean", "noise"), after("ablate layer 3 units each using "));
        assertEquals(List.of("mnist", "fashion", "idx"), after("data "));
        assertEquals(List.of("mlp", "vgg19", "file", "keras", "zoo"), after("MODEL "));
        assertEquals(List.of("layers", "above", "below", "none"), after("recover 2 epochs freeze "));
    }

    @Test
    void aPlaceForNoKeywordAndAStatementThatCannotGoOn() {
        assertEquals(List.of(), after("seed "), "a number comes next");
        assertEquals(List.of(), after("ablate layer "), "a layer comes next");
        assertEquals(Optional.empty(), NextKeywords.after("seed x "));
        assertEquals(Optional.empty(), NextKeywords.after("ablate @ "));
    }
}
