package lesion.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {
    @TempDir
    Path dir;

    static final Scores BASELINE = VariantRowTest.BASELINE;
    static final Scores VARIANT = VariantRowTest.VARIANT;

    static StepResult ablate(int instance) {
        // a layer name with a comma and a quote, to make the CSV quote it
        List<VariantRow> rows = List.of(
                VariantRow.of("2", 1, "dense, \"wide\"", new int[] {3, 7}, BASELINE, VARIANT)
                        .withSelection("reference 3", 25),
                VariantRow.of("2", 1, "dense, \"wide\"", new int[] {4}, BASELINE, BASELINE));
        return new StepResult("2", "ablate", "ablate layer 1 units 3, 7", instance, EvaluationRow.of(BASELINE), rows,
                1.25);
    }

    @Test
    void csvParsesBackWithOneRowPerVariant() throws IOException {
        List<Path> files = new ResultWriter().write(dir, List.of(ablate(0), ablate(1)));
        assertEquals(dir.resolve("step-2-ablate.csv"), files.get(0));
        List<List<String>> rows = Fixtures.parseCsv(Files.readString(files.get(0)));
        assertEquals(1 + 4, rows.size());
        List<String> header = rows.get(0);
        for (List<String> row : rows) {
            assertEquals(header.size(), row.size());
        }
        assertEquals(List.of("step", "instance", "layer", "layer_name", "units", "selection", "percent", "method",
                "silenced", "top1",
                "top5", "top1_drop_pp", "top5_drop_pp", "newly_wrong", "newly_right", "class_0_acc", "class_1_acc",
                "class_2_acc", "class_0_drop_pp", "class_1_drop_pp", "class_2_drop_pp"), header);
        List<String> first = rows.get(1);
        assertEquals("reference 3", first.get(header.indexOf("selection")));
        assertEquals("25", first.get(header.indexOf("percent")));
        assertEquals("", rows.get(2).get(header.indexOf("percent")), "no proportion: an empty field");
        assertEquals("dense, \"wide\"", first.get(header.indexOf("layer_name")));
        assertEquals("3+7", first.get(header.indexOf("units")));
        assertEquals("0.500000", first.get(header.indexOf("top1")));
        // 4/6 - 3/6 = 1/6 = 16.6667 percentage points
        assertEquals("16.6667", first.get(header.indexOf("top1_drop_pp")));
        assertEquals("2", first.get(header.indexOf("newly_wrong")));
        assertEquals("1", first.get(header.indexOf("newly_right")));
        assertEquals("-50.0000", first.get(header.indexOf("class_1_drop_pp")));
        assertEquals("1", rows.get(3).get(header.indexOf("instance")));
        assertEquals("0.0000", rows.get(2).get(header.indexOf("top1_drop_pp")));
    }

    @Test
    void jsonParsesBackWithBaselineAndSampleIndices() throws IOException {
        List<Path> files = new ResultWriter().write(dir, ablate(0));
        JsonNode root = new ObjectMapper().readTree(files.get(1).toFile());
        assertEquals("2", root.get("step").asText());
        assertEquals("ablate", root.get("keyword").asText());
        JsonNode instance = root.get("instances").get(0);
        assertEquals(4.0 / 6, instance.get("baseline").get("top1").asDouble(), 1e-6);
        assertEquals(3, instance.get("baseline").get("per_class_acc").size());
        JsonNode variant = instance.get("variants").get(0);
        assertEquals("[1,4]", variant.get("newly_wrong_samples").toString());
        assertEquals("[3]", variant.get("newly_right_samples").toString());
        // the same images counted by true label: 1 and 4 are classes 0 and 2, 3 is class 1
        assertEquals("[1,0,1]", variant.get("per_class_newly_wrong").toString());
        assertEquals("[0,1,0]", variant.get("per_class_newly_right").toString());
        assertEquals("[2,2,2]", instance.get("baseline").get("per_class_samples").toString());
        assertEquals("[2,1,1]", instance.get("baseline").get("per_class_right").toString());
        assertEquals("[3,7]", variant.get("units").toString());
        assertEquals(16.6667, variant.get("top1_drop_pp").asDouble(), 0);
        assertEquals(2, variant.get("newly_wrong").asInt());
        assertEquals(2, instance.get("variants").size());
    }

    @Test
    void missingClassIsEmptyInCsvAndNullInJson() throws IOException {
        int[] labels = {0, 0, 1};
        Scores base = Fixtures.scores(3, labels, new int[] {0, 0, 1});
        Scores variant = Fixtures.scores(3, labels, new int[] {0, 1, 1});
        StepResult r = new StepResult("1", "ablate", "ablate", 0, EvaluationRow.of(base),
                List.of(VariantRow.of("1", 0, "d", new int[] {0}, base, variant)), 0);
        ResultWriter writer = new ResultWriter();
        List<List<String>> rows = Fixtures.parseCsv(writer.csv(List.of(r)));
        assertEquals("", rows.get(1).get(rows.get(0).indexOf("class_2_acc")));
        JsonNode json = new ObjectMapper().readTree(writer.json(List.of(r)));
        assertTrue(json.get("instances").get(0).get("variants").get(0).get("per_class_acc").get(2).isNull());
    }

    @Test
    void evaluateStepWritesOneRowPerNetwork() throws IOException {
        StepResult e = new StepResult("1", "evaluate", "evaluate", 0, EvaluationRow.of(BASELINE), List.of(), 0.5);
        List<Path> files = new ResultWriter().write(dir, e);
        assertEquals(dir.resolve("step-1-evaluate.json"), files.get(1));
        List<List<String>> rows = Fixtures.parseCsv(Files.readString(files.get(0)));
        assertEquals(2, rows.size());
        assertEquals(List.of("step", "instance", "samples", "right", "top1", "top5", "class_0_acc", "class_1_acc",
                "class_2_acc"), rows.get(0));
        assertEquals(List.of("1", "0", "6", "4", "0.666667", "1.000000", "1.000000", "0.500000", "0.500000"),
                rows.get(1));
        JsonNode json = new ObjectMapper().readTree(files.get(1).toFile());
        assertEquals("[3,5]", json.get("instances").get(0).get("baseline").get("wrong_samples").toString());
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        ResultWriter writer = new ResultWriter();
        writer.write(dir, List.of(ablate(0)));
        writer.write(dir, List.of(ablate(0), ablate(1)));
        assertEquals(5, Fixtures.parseCsv(Files.readString(dir.resolve("step-2-ablate.csv"))).size());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("step-2-ablate-instances.csv", "step-2-ablate-layers.csv", "step-2-ablate.csv",
                    "step-2-ablate.json"), names, "two networks: the summary over them too");
        }
    }

    @Test
    void fileNamesKeepRepeatIdsAndDropUnsafeCharacters() {
        assertEquals("step-3.1-ablate", ResultWriter.baseName("3.1", "ablate"));
        assertFalse(ResultWriter.baseName("3/1", "a b").contains("/"));
    }
}
