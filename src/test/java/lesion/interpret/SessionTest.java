package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import lesion.check.ModelInspector;
import lesion.engine.Cancellation;
import lesion.engine.ProgressListener;
import lesion.results.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session takes statements a few at a time: set-up first, then experiments that run at once on the same
 * networks; a bad statement is refused and leaves the session as it was; one cut short by Ctrl-C does too, and
 * the session goes on. What it accepted is a study whose run gives the same rows.
 */
class SessionTest {
    @TempDir
    Path tmp;

    private final StringWriter log = new StringWriter();

    private Session session(ProgressListener progress, Cancellation cancellation) {
        return new Session(tmp.resolve("cache"), tmp, ModelInspector.NONE, progress, cancellation,
                new PrintWriter(log));
    }

    private static String setup() {
        String study = ExecutorFixture.study();
        return study.substring(0, study.indexOf("evaluate;"));
    }

    @Test
    void statementsRunOneAtATimeAndTheSessionIsTheStudyThatReproducesThem() throws IOException {
        Session s = session(ProgressListener.NONE, new Cancellation());
        for (String line : setup().split("\n")) {
            Session.Reply r = s.submit(line);
            assertEquals(Session.Status.OK, r.status(), r.diagnostics());
            assertTrue(r.results().isEmpty());
        }
        assertEquals(2, s.layers().size(), "the model's layers are known once data and model are given");
        Session.Reply each = s.submit("ablate layer 0 units each;");
        assertEquals(Session.Status.OK, each.status(), each.diagnostics());
        assertEquals(1, each.results().size());
        assertEquals(ExecutorFixture.EACH, each.results().get(0).rows().size());

        Session.Reply both = s.submit("evaluate; ablate layer 0 units pairs;");
        assertEquals(2, both.results().size(), "several statements on a line run in order");
        assertEquals(List.of("1", "2", "3"), s.stepIds());

        // the accepted text, run as a study, gives the same rows
        Executor.Outcome run = ExecutorFixture.run(tmp, "run", s.studyText(), ProgressListener.NONE,
                new Cancellation());
        assertEquals(3, run.results().size());
        for (StepResult r : run.results()) {
            assertEquals(r.rows(), s.results(r.stepId()).get(0).rows(), "step " + r.stepId());
            assertEquals(r.baseline(), s.results(r.stepId()).get(0).baseline());
        }
    }

    @Test
    void aBadStatementIsRefusedWithACaretAndChangesNothing() {
        Session s = session(ProgressListener.NONE, new Cancellation());
        assertEquals(Session.Status.OK, s.submit(setup()).status());
        assertEquals(Session.Status.OK, s.submit("ablate layer 0 units each;").status());
        String before = s.studyText();

        Session.Reply wrong = s.submit("ablate layer 7 units each;");
        assertEquals(Session.Status.INVALID, wrong.status());
        assertTrue(wrong.diagnostics().startsWith("session:5:14: error: layer 7 does not exist"), wrong.diagnostics());
        assertTrue(wrong.diagnostics().contains("  ablate layer 7 units each;\n               ^\n"),
                "a caret under the 7: " + wrong.diagnostics());
        Session.Reply typo = s.submit("ablate layer 0 unit each;");
        assertEquals(Session.Status.INVALID, typo.status());
        assertEquals(before, s.studyText());
        assertEquals(List.of("1"), s.stepIds());

        Session.Reply notYet = s.submit("repeat 2 { ablate layer 0 units 50% random using mean; }");
        assertEquals(Session.Status.NOT_RUNNABLE, notYet.status());
        assertTrue(notYet.diagnostics().contains("'using mean' in a 'repeat' of more than one pass is not "
                + "implemented yet"), notYet.diagnostics());
        assertEquals(before, s.studyText());
        Session.Reply report = s.submit("report \"out\";");
        assertEquals(Session.Status.NOT_RUNNABLE, report.status());
        assertTrue(report.diagnostics().contains("the REPL keeps none"), report.diagnostics());
        assertEquals(before, s.studyText());
    }

    @Test
    void ctrlCOnTheSecondNetworkShowsTheFirstNetworksWholeResult() {
        Cancellation cancellation = new Cancellation();
        // the sweep of network 1 is the second sweep of 'ablate layer 0 units each'
        ProgressListener pressCtrlC = new ExecutorFixture.InSweep(2) {
            @Override
            void variantDone(int done) {
                if (done == 3) {
                    cancellation.cancel();
                }
            }
        };
        Session s = session(pressCtrlC, cancellation);
        assertEquals(Session.Status.OK, s.submit(setup() + "instances 2;").status());
        Session.Reply cut = s.submit("ablate layer 0 units each;");
        assertEquals(Session.Status.INTERRUPTED, cut.status());
        assertEquals(2, cut.results().size());
        assertEquals(0, cut.results().get(0).instance());
        assertEquals(ExecutorFixture.EACH, cut.results().get(0).rows().size(), "network 0 finished the step");
        assertEquals(1, cut.results().get(1).instance());
        assertEquals(3, cut.results().get(1).rows().size(), "network 1 finished 3 variants");
        assertTrue(s.stepIds().isEmpty(), "the step is not part of the session");
    }

    @Test
    void ctrlCStopsAStatementKeepsItsFinishedVariantsAndTheSessionGoesOn() {
        Cancellation cancellation = new Cancellation();
        // stands in for Ctrl-C: pressed when the second sweep (the pairs) has done 5 variants
        ProgressListener pressCtrlC = new ExecutorFixture.InSweep(2) {
            @Override
            void variantDone(int done) {
                if (done == 5) {
                    cancellation.cancel();
                }
            }
        };
        Session s = session(pressCtrlC, cancellation);
        assertEquals(Session.Status.OK, s.submit(setup() + "ablate layer 0 units 50% random;").status());
        String before = s.studyText();

        Session.Reply cut = s.submit("ablate layer 0 units pairs;\nevaluate;");
        assertEquals(Session.Status.INTERRUPTED, cut.status());
        assertEquals(1, cut.results().size(), "the sweep cut short; the evaluate after it never ran");
        assertEquals(5, cut.results().get(0).rows().size(), "its finished variants are shown");
        assertTrue(cut.message().startsWith("interrupted in step 2 ('ablate layer 0 units pairs;')"), cut.message());
        assertEquals(before, s.studyText(), "neither statement is part of the session");

        // the next statement runs (the cancellation is cleared), on the lineages of the ablate before the cut
        Session.Reply recover = s.submit("recover 1 epoch batch 10 freeze above;");
        assertEquals(Session.Status.OK, recover.status(), recover.diagnostics() + recover.message());
        assertEquals(2, recover.results().get(0).curve().size(), "the one 50% variant: epochs 0 and 1");
        assertEquals("0.500000", String.format(java.util.Locale.ROOT, "%.6f",
                recover.results().get(0).curve().get(0).alive()));
        assertNotNull(s.compiled());
        assertFalse(s.studyText().contains("pairs"));
    }
}
