package lesion.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import lesion.check.ModelInspector;
import lesion.interpret.ExitCodes;
import lesion.interpret.Frontend;
import lesion.source.Diagnostic;
import lesion.source.DiagnosticPrinter;
import lesion.source.SourceFile;
import picocli.CommandLine.Parameters;

/** The study file argument shared by the subcommands, with its reading and front-end. */
public final class StudyInput {
    @Parameters(index = "0", paramLabel = "FILE", description = "the .study file")
    Path file;

    /** Thrown when the file cannot be read; carries the exit code. */
    public static final class InputException extends Exception {
        public InputException(String message) {
            super(message);
        }
    }

    public SourceFile read() throws InputException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            // editors on Windows may start UTF-8 files with a byte-order mark; it is not part of the study
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new SourceFile(file.toString(), text);
        } catch (NoSuchFileException e) {
            throw new InputException("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** A compiled study (null when the file could not be read) and the exit code so far. */
    public record Compilation(Frontend.Compiled compiled, int exit) {
        public boolean ok() {
            return exit == ExitCodes.OK;
        }
    }

    /** Reads and compiles the study, printing its diagnostics to {@code err}. */
    public Compilation compile(ModelInspector inspector, PrintWriter err) {
        SourceFile source;
        try {
            source = read();
        } catch (InputException e) {
            err.println("lesion: " + e.getMessage());
            return new Compilation(null, ExitCodes.NO_INPUT);
        }
        Frontend.Compiled compiled = new Frontend(inspector).compile(source, baseDir());
        printDiagnostics(compiled, err);
        return new Compilation(compiled, compiled.diagnostics().hasErrors() ? ExitCodes.INVALID_STUDY : ExitCodes.OK);
    }

    static void printDiagnostics(Frontend.Compiled compiled, PrintWriter err) {
        for (Diagnostic d : compiled.diagnostics().sorted()) {
            err.print(DiagnosticPrinter.render(compiled.source(), d));
        }
        int errors = compiled.diagnostics().errorCount();
        if (errors > 1) {
            err.println(errors + " errors");
        }
        err.flush();
    }
}
