package dev.sluice.qemu;

/**
 * qemu-img refused or failed. Each subtype's message names the problem and the fix, fit to show
 * a user as it is; {@code detail} keeps qemu-img's own words.
 */
public sealed class QemuImgException extends Exception
        permits QemuImgException.NotFound, QemuImgException.InUse, QemuImgException.ShrinkRefused,
        QemuImgException.PermissionDenied, QemuImgException.Failed, QemuImgException.TargetExists {

    private final String detail;

    QemuImgException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    public static final class NotFound extends QemuImgException {
        NotFound(String path, String detail) {
            super("The image " + path + " does not exist. Check the path, or refresh the image library if it was moved or deleted.", detail);
        }
    }

    /** qemu's image locking: a running VM (or another qemu-img) holds the image. */
    public static final class InUse extends QemuImgException {
        InUse(String path, String detail) {
            super("The image " + path + " is in use by another process (a running VM holds its write lock). "
                    + "Stop the VM that uses it, then try again.", detail);
        }
    }

    public static final class ShrinkRefused extends QemuImgException {
        ShrinkRefused(String path, String detail) {
            super("Shrinking " + path + " would cut off data at its end. Shrink the partitions and file systems inside "
                    + "the guest first, then resize again with \"allow shrinking\" ticked.", detail);
        }
    }

    public static final class PermissionDenied extends QemuImgException {
        PermissionDenied(String path, String detail) {
            super("Permission denied on " + path + ". Give your user read/write access (for zvol devices: add it to the "
                    + "`disk` group and log in again), or choose a privilege mode for this host.", detail);
        }
    }

    public static final class Failed extends QemuImgException {
        Failed(String what, String detail) {
            super(what + " failed: " + detail + ". See Activity for the full command and its output.", detail);
        }
    }

    /** Something already has the new image's name; Sluice never overwrites it unless told to replace that file. */
    public static final class TargetExists extends QemuImgException {
        private final String path;

        TargetExists(String path, String kind) {
            super(path + " already exists (" + kind + "). Sluice never overwrites a file: choose another name, or tick \"Replace "
                    + path.substring(path.lastIndexOf('/') + 1) + "\" to replace it.", kind);
            this.path = path;
        }

        /** The copy finished, but the name was taken while it ran: the image waits in the stage directory. */
        TargetExists(String path, String kind, String kept) {
            super(path + " appeared while the copy ran (" + kind + "), so Sluice did not overwrite it. The finished image is kept as "
                    + kept + ": move it to a free name (mv -n), then remove its folder.", kind);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** Turns qemu-img's stderr into the right typed failure. */
    static QemuImgException classify(String what, String path, String stderr) {
        String err = stderr == null ? "" : stderr.strip();
        String lower = err.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("failed to get") && lower.contains("lock")) {
            return new InUse(path, err);
        }
        if (lower.contains("--shrink")) {
            return new ShrinkRefused(path, err);
        }
        if (lower.contains("no such file or directory")) {
            return new NotFound(path, err);
        }
        if (lower.contains("permission denied")) {
            return new PermissionDenied(path, err);
        }
        String first = err.lines().findFirst().orElse("qemu-img exited with an error").replaceFirst("^qemu-img: ", "");
        return new Failed(what, first);
    }
}
