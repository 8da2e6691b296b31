package dev.sluice.qemu.qmp;

/** QMP did not answer, answered with an error, or the connection closed. Messages name the fix. */
public final class QmpException extends Exception {
    private final String errorClass;

    public QmpException(String message, String errorClass) {
        super(message);
        this.errorClass = errorClass;
    }

    public QmpException(String message, Throwable cause) {
        super(message, cause);
        this.errorClass = null;
    }

    /** QEMU's error class ("GenericError", "CommandNotFound", ...), or null for transport failures. */
    public String errorClass() {
        return errorClass;
    }
}
