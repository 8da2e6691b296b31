package dev.sluice.ui.common;

/**
 * Turns a failure into the sentence a user sees. Sluice's typed exceptions already carry messages
 * that name the problem and the fix; anything else (a bug) gets its class name rather than a stack trace.
 */
public final class UserMessages {
    private UserMessages() {
    }

    public static String of(Throwable error) {
        if (error == null) {
            return I18n.t("common.error.unknown");
        }
        String m = error.getMessage();
        if (m == null || m.isBlank()) {
            return I18n.t("common.error.unexpected", error.getClass().getSimpleName());
        }
        return m.strip();
    }

    /** The "not installed" failure in {@code error} or its causes, or null: views show an install hint for it. */
    public static dev.sluice.host.CommandException.NotInstalled notInstalled(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof dev.sluice.host.CommandException.NotInstalled n) {
                return n;
            }
        }
        return null;
    }
}
