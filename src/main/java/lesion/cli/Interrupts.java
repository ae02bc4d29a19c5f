package lesion.cli;

import lesion.engine.Cancellation;
import lesion.interpret.ExitCodes;
import sun.misc.Signal;

/**
 * Turns the first Ctrl-C into a cancellation that the engine honours at its next safe point
 * (between batches or variants), so that finished steps are kept; a second Ctrl-C exits at once.
 */
final class Interrupts {
    private Interrupts() {
    }

    /** For {@code run}: the first Ctrl-C keeps what the study has finished. */
    static void cancelOnCtrlC(Cancellation cancellation) {
        cancelOnCtrlC(cancellation, "finishing the current unit of work and saving what is done");
    }

    /** The same, saying {@code what} the command does on the first Ctrl-C. */
    @SuppressWarnings("restriction")
    static void cancelOnCtrlC(Cancellation cancellation, String what) {
        try {
            Signal.handle(new Signal("INT"), signal -> {
                if (cancellation.isCancelled()) {
                    System.err.println("\nlesion: interrupted again; stopping now");
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
                System.err.println("\nlesion: interrupted; " + what + " (Ctrl-C again to stop at once)");
                cancellation.cancel();
            });
        } catch (IllegalArgumentException e) {
            // No SIGINT on this platform (or it is reserved): Ctrl-C then ends the JVM the usual way.
        }
    }
}
