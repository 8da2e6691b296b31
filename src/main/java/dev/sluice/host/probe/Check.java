package dev.sluice.host.probe;

import java.util.Optional;

/**
 * One thing the probe looked at: a tool ({@code zfs}, {@code qemu-img}, ...) or privilege.
 * {@code version} is the tool's own first line when it has one; {@code fix} says what to do
 * when {@code status} is not {@link Status#OK}, in English, fit to show a user.
 */
public record Check(String subject, Status status, String version, Issue issue, String fix) {

    public enum Status {
        /** Found and working. */
        OK,
        /** Works, but something the user should know (e.g. only read access). */
        WARNING,
        /** Missing or refused. */
        MISSING
    }

    public static Check ok(String subject, String version) {
        return new Check(subject, Status.OK, version, null, null);
    }

    public static Check warning(String subject, Issue issue, String fix) {
        return new Check(subject, Status.WARNING, null, issue, fix);
    }

    public static Check missing(String subject, Issue issue, String fix) {
        return new Check(subject, Status.MISSING, null, issue, fix);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public Optional<String> versionText() {
        return Optional.ofNullable(version);
    }
}
