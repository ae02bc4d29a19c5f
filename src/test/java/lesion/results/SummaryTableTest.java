package lesion.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    static final int N = 100;
    static final int[] LABELS = new int[N];

    /** Scores with the first {@code right} samples right (top-1 and top-5) and the rest wrong. */
    static Scores rightUpTo(int right) {
        int[] predicted = new int[N];
        for (int i = right; i < N; i++) {
            predicted[i] = 1;
        }
        java.util.BitSet top5 = new java.util.BitSet();
        top5.set(0, right);
        return new Scores(2, LABELS, predicted, top5);
    }

    /** An ablate step over units 0..; unit u's variant gets rightAfter[u] of 100 right; the baseline gets 90. */
    static StepResult ablate(int... rightAfter) {
        List<VariantRow> rows = new ArrayList<>();
        for (int u = 0; u < rightAfter.length; u++) {
            rows.add(VariantRow.of("2", 1, "dense", new int[] {u}, rightUpTo(90), rightUpTo(rightAfter[u])));
        }
        return new StepResult("2", "ablate", "ablate layer 1 each unit", 0, EvaluationRow.of(rightUpTo(90)), rows, 3);
    }

    static List<String> column(String text, String section) {
        // the units column of the table that follows the given section line
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].trim().equals(section)) {
            i++;
        }
        for (i += 2; i < lines.length && lines[i].startsWith("    "); i++) {
            out.add(lines[i].trim().split("\\s+")[0]);
        }
        return out;
    }

    @Test
    void listsTheFiveLargestDropsAndTheThreeLargestGains() {
        // drops: unit 0: 10, 1: 30, 2: 5, 3: 0, 4: -2, 5: 20, 6: 1, 7: -7, 8: 25, 9: -1, 10: -3, 11: 2
        StepResult r = ablate(80, 60, 85, 90, 92, 70, 89, 97, 65, 91, 93, 88);
        String text = SummaryTable.render(List.of(r));
        assertEquals(List.of("1", "8", "5", "0", "2"), column(text, "largest drops:"));
        assertEquals(List.of("7", "10", "4"), column(text, "largest gains:"));
        assertTrue(text.contains("12 variants: 7 lowered top-1, 4 raised it, 1 left it unchanged"), text);
        assertTrue(text.contains("baseline: top-1 90.00%, top-5 90.00% (90 of 100 right)"), text);
        assertTrue(text.contains("+30.00"), text);
        assertTrue(text.contains("-7.00"), text);
    }

    @Test
    void tiesAreBrokenByUnits() {
        StepResult r = ablate(80, 80, 80, 80, 80, 80, 80);
        List<VariantRow> shuffled = new ArrayList<>(r.rows());
        java.util.Collections.reverse(shuffled);
        StepResult reversed = new StepResult("2", "ablate", r.statement(), 0, r.baseline(), shuffled, 3);
        String text = SummaryTable.render(List.of(reversed));
        assertEquals(List.of("0", "1", "2", "3", "4"), column(text, "largest drops:"));
        assertEquals(SummaryTable.render(List.of(r)), text);
    }

    @Test
    void noGainsMeansNoGainsTable() {
        String text = SummaryTable.render(List.of(ablate(80, 85)));
        assertFalse(text.contains("largest gains"), text);
    }

    @Test
    void evaluateIsOneLineAndColumnsAlign() {
        StepResult e = new StepResult("1", "evaluate", "evaluate", 0, EvaluationRow.of(rightUpTo(97)), List.of(), 1);
        String text = SummaryTable.render(List.of(e, ablate(80, 60, 85, 92, 70, 89, 97, 65)));
        assertTrue(text.startsWith("1. evaluate: top-1 97.00%, top-5 97.00% (97 of 100 right)\n"), text);
        String[] lines = text.split("\n");
        int header = 0;
        while (!lines[header].contains("newly wrong")) {
            header++;
        }
        int end = lines[header].indexOf("newly right") + "newly right".length();
        // right-aligned figures end in the header's last column
        assertEquals(end, lines[header + 1].length());
        assertEquals(end, lines[header + 2].length());
    }

    @Test
    void longUnitGroupsAreShortened() {
        assertEquals("1+2+3+4+5+... (9 units)", SummaryTable.units(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertEquals("3+7", SummaryTable.units(new int[] {3, 7}));
    }
}
