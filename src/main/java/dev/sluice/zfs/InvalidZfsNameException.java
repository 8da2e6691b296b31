package dev.sluice.zfs;

/** A pool, dataset, snapshot or bookmark name that ZFS would refuse; raised before any command runs. */
public final class InvalidZfsNameException extends ZfsException {
    private final String name;

    public InvalidZfsNameException(String name, String message) {
        super(Kind.INVALID_NAME, message, null);
        this.name = name;
    }

    /** The rejected name as given. */
    public String name() {
        return name;
    }
}
