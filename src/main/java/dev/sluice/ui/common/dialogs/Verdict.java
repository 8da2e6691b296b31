package dev.sluice.ui.common.dialogs;

/**
 * The live verdict on one input field: acceptable or not, and a sentence to show under it (the problem,
 * or a hint such as "= 10.0 GiB"). No JavaFX here, so ViewModels produce verdicts and tests read them.
 */
public record Verdict(boolean ok, String message) {

    public static final Verdict EMPTY_OK = new Verdict(true, "");

    public static Verdict ok(String hint) {
        return new Verdict(true, hint == null ? "" : hint);
    }

    public static Verdict problem(String message) {
        return new Verdict(false, message);
    }
}
