package dev.sluice.zfs;

/** A size the user typed that cannot be used (unreadable, zero, not a multiple of the block size). */
public final class InvalidSizeException extends ZfsException {
    private final String input;

    public InvalidSizeException(String input, String message) {
        super(Kind.INVALID_SIZE, message, null);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
