package lesion.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path root;

    static final Clock NOON = Clock.fixed(Instant.parse("2024-05-01T12:00:03Z"), ZoneOffset.UTC);

    @Test
    void runsStartedInTheSameSecondGetDistinctFolders() throws IOException {
        RunDirectory a = RunDirectory.create(root, "MNIST: Layer 1!", NOON);
        a.writeStudy("study \"x\"\n");
        RunDirectory b = RunDirectory.create(root, "MNIST: Layer 1!", NOON);
        RunDirectory c = RunDirectory.create(root, "MNIST: Layer 1!", NOON);
        assertEquals(root.resolve("mnist-layer-1").resolve("20240501-120003"), a.path());
        assertEquals(root.resolve("mnist-layer-1").resolve("20240501-120003-2"), b.path());
        assertEquals(root.resolve("mnist-layer-1").resolve("20240501-120003-3"), c.path());
        assertNotEquals(a.path(), b.path());
        assertEquals("study \"x\"\n", Files.readString(a.resolve("study.study")));
        assertTrue(Files.isDirectory(b.path()));
    }

    @Test
    void outIntoANonEmptyFolderIsRefused() throws IOException {
        Path out = root.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("manifest.json"), "{}");
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> RunDirectory.exactly(out));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("{}", Files.readString(out.resolve("manifest.json")));
    }

    @Test
    void outIntoAFileIsRefused() throws IOException {
        Path file = Files.writeString(root.resolve("f"), "x");
        assertThrows(RunDirectoryException.class, () -> RunDirectory.exactly(file));
    }

    @Test
    void outIsUsedAsTheRunFolderItself() throws IOException {
        Path fresh = root.resolve("a").resolve("b");
        RunDirectory run = RunDirectory.exactly(fresh);
        assertEquals(fresh, run.path());
        assertTrue(Files.isDirectory(fresh));
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertEquals(empty, RunDirectory.exactly(empty).path());
        run.writePlan("plan\n");
        assertEquals("plan\n", Files.readString(fresh.resolve("plan.txt")));
        assertEquals(fresh.resolve("step-2-ablate.csv"), run.stepFile("2", "ablate", "csv"));
    }

    @Test
    void slugKeepsLowerCaseLettersDigitsAndHyphens() {
        assertEquals("ablation-of-mnist-layer-1", RunDirectory.slug("  Ablation of MNIST — Layer 1 "));
        assertEquals("etude-reseau", RunDirectory.slug("Étude: réseau"));
        assertEquals("study", RunDirectory.slug("!!!"));
        assertTrue(RunDirectory.slug("x".repeat(200)).length() <= 60);
    }
}
