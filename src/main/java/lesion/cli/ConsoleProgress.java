package lesion.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import lesion.engine.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Shows long engine tasks: a progress bar with rate and time left on a terminal, and plain
 * periodic lines (every 10% or 10 seconds) when the output is not a terminal.
 */
final class ConsoleProgress implements ProgressListener {
    private final boolean terminal;
    private final int width;
    private final PrintStream err;
    private ProgressBar bar;
    private String task;
    private long total;
    private long done;
    private String unit;
    private long startNanos;
    private long lastPrintNanos;
    private long lastPrintedTenth;

    ConsoleProgress(boolean terminal, int width, PrintStream err) {
        this.terminal = terminal;
        this.width = width;
        this.err = err;
    }

    static ConsoleProgress forConsole() {
        boolean terminal = System.console() != null;
        return new ConsoleProgress(terminal, terminal ? terminalWidth() : 0, System.err);
    }

    /**
     * The terminal's width, read once. The bar is given it so that the progress bar library never
     * opens a JLine terminal of its own: that one installs native signal handlers and so replaced
     * our Ctrl-C handler (the process died instead of saving its results). The terminal is left
     * open: closing a JLine system terminal closes the process's standard output with it.
     */
    private static int terminalWidth() {
        try {
            Terminal t = TerminalBuilder.builder().system(true).nativeSignals(false).build();
            return t.getWidth() > 20 ? t.getWidth() : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }

    @Override
    public void start(String task, long total, String unit) {
        finish();
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.done = 0;
        this.startNanos = System.nanoTime();
        this.lastPrintNanos = startNanos;
        this.lastPrintedTenth = 0;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(err, width - 1)).build();
        } else {
            err.printf(Locale.ROOT, "%s: %,d %s%n", task, total, unit);
        }
    }

    @Override
    public void advance(long n) {
        done += n;
        if (bar != null) {
            bar.stepBy(n);
            return;
        }
        long now = System.nanoTime();
        long tenth = total > 0 ? done * 10 / total : 0;
        if (tenth > lastPrintedTenth || now - lastPrintNanos > Duration.ofSeconds(10).toNanos()) {
            lastPrintedTenth = tenth;
            lastPrintNanos = now;
            double seconds = (now - startNanos) / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            String left = rate > 0 && total > done ? String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate) : "";
            err.printf(Locale.ROOT, "%s: %,d/%,d %s (%.0f%%), %.1f %s/s%s%n", task, done, total, unit,
                    total > 0 ? 100.0 * done / total : 0, rate, unit, left);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        } else if (task != null && done < total) {
            err.printf(Locale.ROOT, "%s: stopped at %,d/%,d %s%n", task, done, total, unit);
        }
        task = null;
    }
}
