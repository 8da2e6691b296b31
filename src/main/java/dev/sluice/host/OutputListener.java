package dev.sluice.host;

/** Lines of a long command as they arrive, on a reader thread (not the FX thread). */
public interface OutputListener {
    OutputListener NONE = new OutputListener() { };

    default void stdoutLine(String line) {
    }

    default void stderrLine(String line) {
    }
}
