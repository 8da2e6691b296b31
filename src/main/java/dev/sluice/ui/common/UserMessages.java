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
        if (error instanceof dev.sluice.host.CommandException.NotInstalled n && n.hostName() != null) {
            return notInstalledText(n);
        }
        String m = error.getMessage();
        if (m == null || m.isBlank()) {
            return I18n.t("common.error.unexpected", error.getClass().getSimpleName());
        }
        return m.strip();
    }

    /** "X is not installed on H" with the install hint, in the UI's language. */
    public static String notInstalledText(dev.sluice.host.CommandException.NotInstalled n) {
        String key = "tool.hint." + dev.sluice.host.ToolHints.baseName(n.program());
        String hint = I18n.bundle().containsKey(key) ? I18n.t(key) : I18n.t("tool.hint.other");
        return I18n.t("tool.notInstalled", n.program(), hostLabel(n.hostName()), hint);
    }

    private static final String LOCAL = dev.sluice.host.Host.local(dev.sluice.host.Elevation.NONE).displayName();

    /** The command layer names the local host in English ("Local host"); the UI says it in the user's language. */
    public static String hostLabel(String host) {
        return LOCAL.equals(host) ? I18n.t("app.host.local") : host;
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
