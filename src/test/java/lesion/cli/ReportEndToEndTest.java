package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lesion.interpret.ExitCodes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html}, which every run writes and {@code lesion report DIR} rebuilds: each figure and table is
 * there when the run has its data and absent when not, the page loads nothing from the network, and a rebuild
 * from the files gives the same bytes. Runs small studies on the tiny IDX fixture.
 */
class ReportEndToEndTest {
    @TempDir
    static Path tmp;

    /** evaluate, a single-layer sweep, a two-layer proportional sweep, recovery and a repeat block. */
    static Path full;
    /** two networks: aggregates over instances. */
    static Path instances;
    /** one ablation, no evaluate: the baseline comes from the ablate step. */
    static Path minimal;
    /** two networks, each and pairs sweeps, the three analyses and {@code report "copies";}. */
    static Path analyses;
    /** where {@code report "copies";} copies to, relative to the study file. */
    static Path copies;

    @BeforeAll
    static void runStudies() throws IOException {
        String model = "model mlp 784-16-10 relu;\ntrain 3 epochs batch 10 adam 0.01;\n";
        full = run("full", model + "evaluate;\nablate layer 0 units each;\n"
                + "ablate layers 0, 1 units 25% random repeat 2;\n"
                + "ablate layer 0 units 50% random;\nrecover 2 epochs batch 10 freeze above;\nrestore;\n"
                + "repeat 2 {\n  ablate layer 0 units 25% random;\n  recover 1 epoch batch 10 freeze above;\n}\n");
        instances = run("instances", "instances 2;\n" + model + "evaluate;\nablate layer 0 units each;\n");
        minimal = run("minimal", model + "ablate layer 0 units 3;\n");
        copies = Files.createDirectories(tmp.resolve("copies"));
        Files.writeString(copies.resolve("report.html"), "an older report");
        Files.writeString(copies.resolve("notes.txt"), "not lesion's");
        analyses = run("analyses", "instances 2;\nmodel mlp 784-6-10 relu;\ntrain 2 epochs batch 10 adam 0.01;\n"
                + "ablate layer 0 units each;\nablate layer 0 units pairs;\nimportance layer 0 by mannwhitney;\n"
                + "redundancy layer 0;\nselectivity layer 0;\nembed tsne;\nreport \"copies\";\n");
    }

    private static Path run(String name, String body) throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        Path study = Files.writeString(tmp.resolve(name + ".study"),
                "seed 4;\ndata idx \"" + fixtures + "\";\n" + body);
        Path out = tmp.resolve(name);
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("report: " + out.resolve("report.html")), r.err());
        return out;
    }

    private static Document report(Path run) throws IOException {
        return Jsoup.parse(run.resolve("report.html").toFile(), "UTF-8");
    }

    /** The ids of the blocks of {@code kind} in the section of step {@code step}. */
    private static List<String> ids(Document doc, String step, String kind) {
        Element section = doc.getElementById("step-" + step);
        return section == null ? List.of() : section.select("." + kind).eachAttr("id");
    }

    @Test
    void everyFigureAndTableTheRunHasDataForIsThere() throws IOException {
        Document doc = report(full);
        assertNotNull(doc.getElementById("facts"));
        assertTrue(doc.getElementById("facts").text().contains("seed 4"), "the manifest's seed");
        assertEquals(9, doc.select("#tab-steps tbody tr").size(), "one row per step of the plan (7, 7.1, 7.2: repeat)");
        assertEquals(List.of("fig-step-1-baseline"), ids(doc, "1", "fig-baseline-classes"));
        assertEquals(List.of("fig-step-2-fates-1", "fig-step-2-fates-2", "fig-step-2-fates-3"),
                ids(doc, "2", "fig-fates"));
        assertEquals(List.of("fig-step-2-variant-classes"), ids(doc, "2", "fig-variant-classes"));
        assertEquals(List.of("tab-step-2-variants"), ids(doc, "2", "tab-variants"));
        assertEquals(16, doc.select("#tab-step-2-variants tbody tr").size(), "every one of 16 variants");
        assertEquals(List.of("tab-step-2-layers"), ids(doc, "2", "tab-layers"));
        assertEquals(List.of(), ids(doc, "2", "fig-layer-drops"), "one layer: no curve across depth");
        assertEquals(List.of("fig-step-3-layers-top1", "fig-step-3-layers-top5"), ids(doc, "3", "fig-layer-drops"));
        assertEquals(List.of("fig-step-3-layer-classes-1"), ids(doc, "3", "fig-layer-classes"));
        assertEquals(List.of(), ids(doc, "3", "fig-variant-classes"), "two layers: per layer instead");
        assertEquals(List.of("fig-step-5-recovery-top1", "fig-step-5-recovery-top5"), ids(doc, "5", "fig-recovery"));
        assertEquals(List.of("tab-step-5-recovery"), ids(doc, "5", "tab-recovery"));
        assertEquals(3, doc.select("#tab-step-5-recovery tbody tr").size(), "epochs 0, 1, 2 of one variant");
        assertEquals(List.of("fig-step-7-2-iterative"), ids(doc, "7-2", "fig-iterative"));
        assertEquals(List.of(), ids(doc, "7-2", "fig-recovery"), "inside a repeat block: the iterative figure");
        assertTrue(doc.select(".fig-instances, .tab-instances").isEmpty(), "one network: no aggregates");
        for (Element figure : doc.select("figure")) {
            assertEquals(1, figure.select("svg").size(), figure.id());
            assertTrue(figure.selectFirst("figcaption").text().length() > 40, figure.id() + " has a caption");
        }
        // the fates of the largest drop: per class still right, newly wrong and newly right, in a legend
        String fates = doc.getElementById("fig-step-2-fates-1").text();
        assertTrue(fates.contains("newly wrong") && fates.contains("still right"), fates);
    }

    @Test
    void instancesShowMeansWithTheirIntervalAndARunWithoutThemNone() throws IOException {
        Document doc = report(instances);
        assertEquals(List.of("fig-step-2-instances"), ids(doc, "2", "fig-instances"));
        assertEquals(List.of("tab-step-2-instances"), ids(doc, "2", "tab-instances"));
        assertTrue(doc.getElementById("fig-step-1-baseline").text().contains("95% t interval"));
        assertEquals(2, doc.select("#tab-step-1-evaluation tbody tr").size(), "one row per network");
    }

    @Test
    void aRunWithoutEvaluateTakesTheBaselineFromItsAblation() throws IOException {
        Document doc = report(minimal);
        assertEquals(List.of("fig-step-1-baseline"), ids(doc, "1", "fig-baseline-classes"));
        assertEquals(List.of("fig-step-1-fates-1"), ids(doc, "1", "fig-fates"));
        for (String absent : List.of("fig-layer-drops", "fig-layer-classes", "fig-variant-classes", "fig-recovery",
                "fig-iterative", "fig-instances", "tab-recovery", "tab-instances")) {
            assertTrue(doc.select("." + absent).isEmpty(), absent + " has no data here");
        }
    }

    @Test
    void theAnalysesHaveTheirFiguresAndARunWithoutThemNone() throws IOException {
        Document doc = report(analyses);
        assertEquals(List.of("fig-step-3-importance"), ids(doc, "3", "fig-importance"));
        assertTrue(doc.getElementById("fig-step-3-importance").text().contains("Spearman's ρ"));
        assertEquals(List.of("fig-step-3-coefficients"), ids(doc, "3", "fig-coefficients"));
        assertEquals(List.of("fig-step-3-weights"), ids(doc, "3", "fig-weights"));
        String weights = doc.getElementById("fig-step-3-weights").outerHtml();
        assertEquals(2 * 6, weights.split("data:image/png;base64,", -1).length - 1,
                "an inline image before and after for each of the 6 units");
        assertEquals(List.of("fig-step-4-redundancy"), ids(doc, "4", "fig-redundancy"));
        assertEquals(List.of("tab-step-4-redundancy"), ids(doc, "4", "tab-redundancy"));
        assertEquals(15, doc.select("#tab-step-4-redundancy tbody tr").size(),
                "the top pairs of the 2 × 15");
        assertEquals(List.of("fig-step-5-selectivity"), ids(doc, "5", "fig-selectivity"));
        assertTrue(doc.getElementById("fig-step-5-selectivity").text().contains("Mean over the 2 networks"));
        for (Path run : List.of(full, instances, minimal)) {
            for (String absent : List.of("fig-importance", "fig-coefficients", "fig-weights", "fig-redundancy",
                    "tab-redundancy", "fig-selectivity")) {
                assertTrue(report(run).select("." + absent).isEmpty(), run + ": " + absent + " has no data here");
            }
        }
    }

    @Test
    void theEmbeddingIsDrawnByClassAndByTheFateOfEachAblationsWorstVariant() throws IOException {
        Document doc = report(analyses);
        assertEquals(List.of("fig-step-6-classes"), ids(doc, "6", "fig-embed-classes"));
        assertTrue(doc.getElementById("fig-step-6-classes").text().contains("The 50 test images"));
        assertEquals(List.of("fig-step-6-fate-step-1", "fig-step-6-fate-step-2"), ids(doc, "6", "fig-embed-fate"),
                "one picture per ablate step: its largest drop");
        String caption = doc.getElementById("fig-step-6-fate-step-1").select("figcaption").text();
        assertTrue(caption.contains("the largest top-1 drop of step 1") && caption.contains("newly wrong (orange, "),
                caption);
        assertEquals(List.of("fig-step-6-together-step-4"), ids(doc, "6", "fig-embed-together"),
                "the images the redundancy step's pair loses only together");
        for (Path run : List.of(full, instances, minimal)) {
            assertTrue(report(run).select(".fig-embed-classes, .fig-embed-fate, .fig-embed-together").isEmpty(),
                    run + ": no embedding");
        }
    }

    @Test
    void reportCopiesTheTablesAndTheReportNextToTheStudy() throws IOException {
        assertArrayEquals(Files.readAllBytes(analyses.resolve("report.html")),
                Files.readAllBytes(copies.resolve("report.html")), "the older report is replaced");
        for (String name : List.of("manifest.json", "step-3-importance.csv", "step-3-importance-weights.json",
                "step-4-redundancy.json", "step-5-selectivity-instances.csv")) {
            assertArrayEquals(Files.readAllBytes(analyses.resolve(name)), Files.readAllBytes(copies.resolve(name)),
                    name);
        }
        assertEquals("not lesion's", Files.readString(copies.resolve("notes.txt")), "other files are left alone");
        assertFalse(Files.exists(copies.resolve("plan.txt")), "only tables and the report");
    }

    @Test
    void aRunThatFailsStillCopiesWhatItWrote() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("bad-idx"));
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx");
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.copy(fixtures.resolve(f), data.resolve(f));
        }
        byte[] images = Files.readAllBytes(data.resolve("t10k-images-idx3-ubyte"));
        Files.write(data.resolve("t10k-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length - 100));
        Path study = Files.writeString(tmp.resolve("bad.study"), "data idx \"bad-idx\";\nmodel mlp 784-6-10 relu;\n"
                + "evaluate;\nreport \"bad-copies\";\n");
        Path out = tmp.resolve("bad-run");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit(), r.err());
        assertTrue(r.err().contains("files copied to " + tmp.resolve("bad-copies")), r.err());
        assertArrayEquals(Files.readAllBytes(out.resolve("report.html")),
                Files.readAllBytes(tmp.resolve("bad-copies").resolve("report.html")));
        assertTrue(Files.readString(tmp.resolve("bad-copies").resolve("manifest.json")).contains("\"failed\""));
    }

    @Test
    void thePageLoadsNothingFromTheNetwork() throws IOException {
        for (Path run : List.of(full, instances, minimal, analyses)) {
            Document doc = report(run);
            for (Element e : doc.getAllElements()) {
                for (String attribute : List.of("src", "href", "xlink:href", "action", "poster", "data")) {
                    String value = e.attr(attribute).trim().toLowerCase(Locale.ROOT);
                    assertFalse(value.startsWith("http:") || value.startsWith("https:") || value.startsWith("//"),
                            run + ": <" + e.tagName() + " " + attribute + "=" + value + ">");
                }
            }
            assertTrue(doc.select("link, script[src], iframe, img[src^=http]").isEmpty(), run.toString());
            String html = Files.readString(run.resolve("report.html")).toLowerCase(Locale.ROOT);
            assertFalse(html.contains("url(http") || html.contains("url(//") || html.contains("@import"),
                    run.toString());
        }
    }

    @Test
    void lesionReportRebuildsTheSameBytes() throws IOException {
        for (Path run : List.of(full, instances, minimal, analyses)) {
            Path file = run.resolve("report.html");
            byte[] written = Files.readAllBytes(file);
            Files.delete(file);
            CliRunner.Result r = CliRunner.run("report", run.toString());
            assertEquals(ExitCodes.OK, r.exit(), r.err());
            assertArrayEquals(written, Files.readAllBytes(file), run + ": rebuilt from the files alone");
        }
    }

    @Test
    void aStepWhoseFilesAreMissingLosesOnlyItsOwnFigures() throws IOException {
        Path copy = tmp.resolve("partial");
        Files.createDirectories(copy);
        try (var files = Files.list(full)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith("step-5-")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        Files.delete(copy.resolve("report.html"));
        assertEquals(ExitCodes.OK, CliRunner.run("report", copy.toString()).exit());
        Document doc = report(copy);
        assertTrue(doc.select(".fig-recovery, #tab-step-5-recovery").isEmpty());
        assertEquals(1, doc.select("#tab-step-7-2-recovery").size());
        assertEquals(2, doc.select(".fig-layer-drops").size(), "the other steps are all there");
    }

    @Test
    void aMissingOrForeignDirectoryIsRefusedWithExit66() throws IOException {
        CliRunner.Result missing = CliRunner.run("report", tmp.resolve("nowhere").toString());
        assertEquals(ExitCodes.NO_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such run directory"), missing.err());
        Path empty = Files.createDirectories(tmp.resolve("not-a-run"));
        CliRunner.Result foreign = CliRunner.run("report", empty.toString());
        assertEquals(ExitCodes.NO_INPUT, foreign.exit());
        assertTrue(foreign.err().contains("not a run directory"), foreign.err());
        assertFalse(Files.exists(empty.resolve("report.html")));
        assertEquals(ExitCodes.USAGE, CliRunner.run("report").exit());
    }
}
