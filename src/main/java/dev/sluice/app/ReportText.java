package dev.sluice.app;

import dev.sluice.host.probe.Check;
import dev.sluice.host.probe.HostReport;
import dev.sluice.host.probe.Issue;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.ui.common.I18n;

/**
 * Puts a {@link HostReport} into the user's language: titles and fixes come from the bundle by
 * {@link Issue}; where the fix quotes a tool's own output (failures, ssh errors) the probe's
 * text is kept as it is.
 */
final class ReportText {
    private ReportText() {
    }

    static String title(Check c, HostReport r) {
        return I18n.t("app.check.title." + c.issue().name(), c.subject(), UserMessages.hostLabel(r.hostName()));
    }

    static String fix(Check c, HostReport r) {
        if (c.issue() == Issue.FAILED || c.issue() == Issue.HOST_UNREACHABLE) {
            return c.fix();
        }
        String user = r.user() == null ? I18n.t("app.check.someUser") : r.user();
        return I18n.t("app.check.fix." + c.issue().name(), c.subject(), UserMessages.hostLabel(r.hostName()), user, installHint(c.subject()));
    }

    static String installHint(String tool) {
        String key = "app.install." + tool;
        String hint = I18n.t(key);
        return hint.startsWith("!") ? I18n.t("app.install.other") : hint;
    }

    static Notice notice(Check c, HostReport r) {
        Notice.Level level = c.status() == Check.Status.MISSING ? Notice.Level.DANGER : Notice.Level.WARNING;
        return new Notice("check:" + r.hostName() + ":" + c.subject() + ":" + c.issue(), level, title(c, r), fix(c, r));
    }

    /** The status-bar text of a tool: its version when found, else "not found". */
    static String statusText(Check c) {
        if (c.issue() == Issue.HOST_UNREACHABLE) {
            return I18n.t("app.status.notChecked", c.subject()); // unknown, not missing: the host never answered
        }
        return switch (c.status()) {
            case OK -> c.subject().equals(HostReport.ZFS) && c.version() != null ? c.version()
                    : I18n.t("app.status.found", c.subject());
            case WARNING -> I18n.t("app.status.problem", c.subject());
            case MISSING -> I18n.t("app.status.missing", c.subject());
        };
    }

    /** The tooltip: version or fix. */
    static String tooltip(Check c, HostReport r) {
        if (c.ok()) {
            return c.version() == null ? I18n.t("app.status.found", c.subject()) : c.version();
        }
        return title(c, r) + "\n\n" + fix(c, r);
    }

    static String privilegeText(Check c) {
        if (c.issue() == Issue.HOST_UNREACHABLE) {
            return I18n.t("app.status.notChecked", I18n.t("app.status.privilege"));
        }
        return switch (c.status()) {
            case OK -> I18n.t("app.status.privilege.ok", c.version());
            case WARNING -> I18n.t("app.status.privilege.limited");
            case MISSING -> I18n.t("app.status.privilege.missing");
        };
    }
}
