package dev.sluice.zfs;

/**
 * Output that does not have the shape we asked for (a changed CLI, a wrapper printing banners).
 * Unchecked inside parsers; {@link ZfsService} turns it into a {@link ZfsCommandException} whose
 * message shows the offending line.
 */
public final class UnexpectedOutputException extends RuntimeException {
    private final String line;

    public UnexpectedOutputException(String expected, String line) {
        super("expected " + expected + " but got: " + (line.length() > 300 ? line.substring(0, 300) + "..." : line));
        this.line = line;
    }

    public String line() {
        return line;
    }
}
