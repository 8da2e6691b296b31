package dev.sluice.qemu.live;

/** A live drive move that cannot go on; {@link #kind()} says why, {@code detail} names the job or drive. */
public final class LiveMoveException extends Exception {

    public enum Kind {
        /** The dirty bitmap is gone (QEMU restarted): what the guest wrote since the seed is unknown. */
        TRACKING_LOST,
        /** The target zvol's device never appeared (an encrypted copy whose key is not loaded, udev not running). */
        NO_TARGET_DEVICE,
        /** No mirror to complete (QEMU restarted, or it was cancelled). */
        NO_MIRROR,
        /** The mirror ended but the drive is still on its source. */
        NOT_SWITCHED,
        /** Undo asked after the drive switched: the target holds the guest's newest writes. */
        ALREADY_SWITCHED,
        /** Something other than the guest (a monitor command, another job) kept writing while the guest was paused. */
        WRITES_WHILE_PAUSED,
        JOB_FAILED,
        JOB_CANCELLED,
        TIMED_OUT,
        CANCELLED
    }

    private final Kind kind;
    private final String detail;

    public LiveMoveException(Kind kind, String detail) {
        this(kind, detail, null);
    }

    public LiveMoveException(Kind kind, String detail, Throwable cause) {
        super(kind + ": " + detail, cause);
        this.kind = kind;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public String detail() {
        return detail;
    }
}
