package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lesion.results.AtomicFiles;

/**
 * Writes {@code report.html} into a run directory from the directory's files: the manifest's key
 * facts, the steps and their status, the study, then per step its figures and tables.
 *
 * <p>The page stands alone: figures are inline SVG, style and the table-sorting script are inline,
 * and nothing is fetched from the network. It is deterministic: the same files give the same bytes
 * (no time of generation; the times shown are the manifest's), so {@code lesion report DIR}
 * reproduces what the run wrote.
 */
public final class HtmlReport {
    public static final String REPORT_FILE = "report.html";

    /** The figure and table kinds, in the order a step shows them. */
    static final List<Exhibit> EXHIBITS = List.of(new BaselineFigure(), new FateFigure(), new VariantClassFigure(),
            new LayerDropFigure(), new LayerClassFigure(), new InstancesFigure(), new RecoveryFigure(),
            new IterativeFigure(), new ImportanceFigure(), new CoefficientsFigure(), new WeightImages(),
            new SelectivityFigure(), new RedundancyFigure(), new EmbeddingFigure(), new StepTables());

    private HtmlReport() {
    }

    /** Reads the run directory and writes its {@code report.html}; returns the file. */
    public static Path write(Path runDir) throws IOException {
        RunFiles run = RunFiles.open(runDir);
        Path file = runDir.resolve(REPORT_FILE);
        AtomicFiles.write(file, render(run));
        return file;
    }

    /** The report's HTML for a run. */
    public static String render(RunFiles run) {
        JsonNode m = run.manifest();
        String title = m.path("study").path("title").asText("study");
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append(" · lesion report</title>\n")
                .append("<style>\n").append(ReportAssets.CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<h1>").append(Html.escape(title)).append(" <span class=\"status status-")
                .append(Html.escape(m.path("status").asText())).append("\">").append(Html.escape(m.path("status")
                .asText())).append("</span></h1>\n");
        facts(out, m);
        out.append("</header>\n<main>\n");
        steps(out, run);
        if (!run.study().isEmpty()) {
            out.append("<details class=\"study\"><summary>The study (study.study)</summary>\n<pre>")
                    .append(Html.escape(run.study())).append("</pre></details>\n");
        }
        for (StepFiles step : run.steps()) {
            section(out, run, step);
        }
        out.append("</main>\n<script>\n").append(ReportAssets.SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void facts(StringBuilder out, JsonNode m) {
        out.append("<table id=\"facts\" class=\"facts\">\n");
        for (Map.Entry<String, String> fact : ManifestFacts.of(m)) {
            out.append("<tr><th>").append(Html.escape(fact.getKey())).append("</th><td>")
                    .append(Html.escape(fact.getValue())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static void steps(StringBuilder out, RunFiles run) {
        List<List<String>> rows = new ArrayList<>();
        for (StepFiles s : run.steps()) {
            JsonNode e = s.entry();
            String variants = e.path("variants_planned").isNumber()
                    ? e.path("variants_done").asText("0") + " of " + e.path("variants_planned").asText() : "";
            rows.add(List.of(s.id(), s.statement(), s.status(), e.path("seconds").asText(""), variants,
                    String.join(" ", s.outputs())));
        }
        table(out, new Table("tab-steps", "tab-steps", "The steps of the plan, how each ended and the files it wrote.",
                List.of("step", "statement", "status", "seconds", "variants", "files"), rows));
    }

    private static void section(StringBuilder out, RunFiles run, StepFiles step) {
        List<Block> blocks = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Exhibit exhibit : EXHIBITS) {
            try {
                blocks.addAll(exhibit.of(run, step));
            } catch (RuntimeException e) {
                // one unreadable file costs its figures, not the report
                errors.add(exhibit.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (blocks.isEmpty() && errors.isEmpty()) {
            return;
        }
        out.append("<section id=\"").append(step.anchor()).append("\" class=\"step\">\n<h2>Step ")
                .append(Html.escape(step.id())).append(" <code>").append(Html.escape(step.statement()))
                .append("</code> <span class=\"status status-").append(Html.escape(step.status().replace(' ', '-')))
                .append("\">").append(Html.escape(step.status())).append("</span></h2>\n");
        if (!step.status().equals("done")) {
            out.append("<p class=\"note\">This step did not finish (").append(Html.escape(step.status()))
                    .append(step.entry().path("variants_planned").isNumber() ? ", " + step.entry().path("variants_done")
                    .asText("0") + " of " + step.entry().path("variants_planned").asText() + " variants" : "")
                    .append("): what follows shows the part it wrote.</p>\n");
        }
        for (String error : errors) {
            out.append("<p class=\"error\">could not draw ").append(Html.escape(error)).append("</p>\n");
        }
        out.append("<div class=\"figures\">\n");
        for (Block b : blocks) {
            if (b instanceof Figure f) {
                out.append("<figure id=\"").append(f.id()).append("\" class=\"").append(f.kind()).append("\">\n")
                        .append(f.svg()).append("\n<figcaption>").append(Html.escape(f.caption()))
                        .append("</figcaption>\n</figure>\n");
            }
        }
        out.append("</div>\n");
        for (Block b : blocks) {
            if (b instanceof Table t) {
                table(out, t);
            }
        }
        out.append("</section>\n");
    }

    private static void table(StringBuilder out, Table t) {
        out.append("<div class=\"table-wrap\">\n<table id=\"").append(t.id()).append("\" class=\"sortable ")
                .append(t.kind()).append("\">\n<caption>").append(Html.escape(t.caption()))
                .append("</caption>\n<thead><tr>");
        for (String h : t.header()) {
            out.append("<th title=\"sort\">").append(Html.escape(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append("<tr>");
            for (String cell : row) {
                out.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
    }
}
