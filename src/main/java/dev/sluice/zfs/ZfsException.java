package dev.sluice.zfs;

/**
 * Something a ZFS operation could not do, as a user should read it: every message names the
 * problem and what to do about it. {@link #kind()} lets callers react without reading text
 * (offer "roll back with -r", "load the key", "resume the transfer").
 */
public sealed class ZfsException extends Exception
        permits InvalidZfsNameException, InvalidSizeException, ZfsCommandException {

    /** What went wrong, in the admin's words. */
    public enum Kind {
        /** A name broke ZFS naming rules; nothing ran. */
        INVALID_NAME,
        /** A size like "10G" could not be read, or does not fit (volblocksize multiple); nothing ran. */
        INVALID_SIZE,
        /** Dataset, snapshot or bookmark does not exist. */
        DOES_NOT_EXIST,
        NO_SUCH_POOL,
        PARENT_DOES_NOT_EXIST,
        ALREADY_EXISTS,
        /** Mounted filesystem in use, zvol open, pool busy, or (OpenZFS 2.1) a held snapshot. */
        BUSY,
        PERMISSION_DENIED,
        KEY_NOT_LOADED,
        WRONG_KEY,
        KEY_ALREADY_LOADED,
        PASSPHRASE_TOO_SHORT,
        /** Rollback without -r: newer snapshots or bookmarks exist; {@link ZfsCommandException#names()} lists them. */
        WOULD_DESTROY_NEWER,
        /** Destroying a snapshot that clones depend on; {@link ZfsCommandException#names()} lists the clones. */
        HAS_DEPENDENT_CLONES,
        /** Destroying a dataset that has children or snapshots, without -r. */
        HAS_CHILDREN,
        /** The snapshot has a user hold. */
        HELD,
        OUT_OF_SPACE,
        POOL_IO_SUSPENDED,
        /** This OpenZFS version lacks an option (e.g. {@code zfs holds -p} before 2.2). */
        INVALID_OPTION,
        /** {@code zfs rename} across pools. */
        CROSS_POOL,
        /** Full receive onto an existing dataset without -F. */
        DESTINATION_EXISTS,
        /** Incremental receive whose source snapshot the target does not have. */
        RECEIVE_SOURCE_MISMATCH,
        /** Incremental receive onto a target changed (or snapshotted) since its newest common snapshot. */
        RECEIVE_TARGET_MODIFIED,
        /** The stream broke off; with -s the partial state is saved and {@link ZfsCommandException#resumeToken()} is set. */
        RECEIVE_INTERRUPTED,
        /** The target holds a partial receive; resume it or abort it with {@code zfs receive -A}. */
        RECEIVE_PARTIAL_STATE,
        /** A resume token that is corrupt, stale, or names a snapshot that changed or is gone. */
        RESUME_TOKEN_INVALID,
        /** The target has no partial receive to resume. */
        NO_RESUME_TOKEN,
        /** {@code zfs promote} of a dataset that is not a clone. */
        NOT_A_CLONE,
        /** Stopping a scrub when none runs. */
        NO_ACTIVE_SCRUB,
        /** A property value ZFS refused (volsize not a multiple of volblocksize, bad compression name...). */
        INVALID_PROPERTY,
        /** Nothing above matched; the message carries ZFS's own text. */
        UNKNOWN
    }

    private final Kind kind;

    ZfsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
