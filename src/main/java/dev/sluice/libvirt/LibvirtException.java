package dev.sluice.libvirt;

import dev.sluice.config.Texts;
import java.util.Locale;

/**
 * virsh refused or failed. {@link #kind()} says why; the message names the problem and the fix, fit to
 * show a user as it is, and {@link #detail()} keeps libvirt's own last error line.
 */
public final class LibvirtException extends Exception {

    public enum Kind {
        /** virsh is there but libvirtd (or virtqemud) is not running. */
        DAEMON_DOWN,
        /** The user may not use the system connection (not in the libvirt group, no polkit rule). */
        DENIED,
        DOMAIN_NOT_FOUND,
        NOT_RUNNING,
        ALREADY_RUNNING,
        /** A disk's file or device cannot be opened (gone, key not loaded, permissions). */
        STORAGE,
        /** The persistent definition no longer says what Sluice read from it. */
        DEFINITION_CHANGED,
        /** A transient domain has no persistent definition to change. */
        TRANSIENT,
        UNEXPECTED,
        FAILED
    }

    private final Kind kind;
    private final String detail;

    LibvirtException(Kind kind, String message, String detail) {
        super(message);
        this.kind = kind;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }

    /** What virsh's stderr says, for {@code action} ("start the guest") on {@code subject} (a domain or the host). */
    public static LibvirtException classify(String action, String subject, String stderr) {
        String detail = lastError(stderr);
        String s = stderr == null ? "" : stderr.toLowerCase(Locale.ROOT);
        if (s.contains("failed to connect socket") && s.contains("no such file or directory")) {
            return new LibvirtException(Kind.DAEMON_DOWN, Texts.t("libvirt.error.daemonDown", detail), detail);
        }
        if (s.contains("permission denied") && (s.contains("failed to connect socket") || s.contains("libvirt-sock")
                || s.contains("virtqemud-sock")) || s.contains("authentication unavailable") || s.contains("authentication failed")
                || s.contains("org.libvirt.unix.manage")) {
            return new LibvirtException(Kind.DENIED, Texts.t("libvirt.error.denied", detail), detail);
        }
        if (s.contains("domain not found") || s.contains("failed to get domain")) {
            return new LibvirtException(Kind.DOMAIN_NOT_FOUND, Texts.t("libvirt.error.notFound", subject, detail), detail);
        }
        if (s.contains("domain is not running")) {
            return new LibvirtException(Kind.NOT_RUNNING, Texts.t("libvirt.error.notRunning", subject, detail), detail);
        }
        if (s.contains("domain is already active") || s.contains("domain is already running")) {
            return new LibvirtException(Kind.ALREADY_RUNNING, Texts.t("libvirt.error.alreadyRunning", subject, detail), detail);
        }
        if ((s.contains("could not open '/") || s.contains("cannot access storage file")) && s.contains("permission denied")) {
            return new LibvirtException(Kind.STORAGE, Texts.t("libvirt.error.storageDenied", subject, detail), detail);
        }
        if (s.contains("cannot access storage file") || s.contains("could not open '/")
                || s.contains("no such file or directory") && s.contains("/dev/zvol")) {
            return new LibvirtException(Kind.STORAGE, Texts.t("libvirt.error.storage", subject, detail), detail);
        }
        if (s.contains("transient domain") || s.contains("cannot change persistent config of a transient domain")) {
            return new LibvirtException(Kind.TRANSIENT, Texts.t("libvirt.error.transient", subject), detail);
        }
        return new LibvirtException(Kind.FAILED, Texts.t("libvirt.error.failed", action, subject, detail), detail);
    }

    static LibvirtException unexpected(String what) {
        return new LibvirtException(Kind.UNEXPECTED, Texts.t("libvirt.error.unexpected", what), what);
    }

    static LibvirtException definitionChanged(String target, String expected, String found) {
        return new LibvirtException(Kind.DEFINITION_CHANGED, found == null
                ? Texts.t("libvirt.error.noDisk", target, expected)
                : Texts.t("libvirt.error.definitionChanged", target, expected, found), found);
    }

    static LibvirtException transientDomain(String name) {
        return new LibvirtException(Kind.TRANSIENT, Texts.t("libvirt.error.transient", name), null);
    }

    /** virsh prints "error: …" lines; the last one is the cause. */
    static String lastError(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "";
        }
        String last = "";
        for (String line : stderr.split("\\R")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                last = l.startsWith("error: ") ? l.substring(7) : l;
            }
        }
        return last;
    }
}
