package dev.sluice.qemu;

/** A QEMU VM action that could not be done; each message names the problem and the fix. */
public sealed class QemuVmException extends Exception
        permits QemuVmException.NotDefined, QemuVmException.WrongState, QemuVmException.StartFailed,
        QemuVmException.NotConnected, QemuVmException.UnsafeRunDirectory {

    QemuVmException(String message) {
        super(message);
    }

    public static final class NotDefined extends QemuVmException {
        NotDefined(String vm) {
            super("There is no QEMU VM called " + vm + " on this host. Refresh the VM list; it may have been deleted.");
        }
    }

    public static final class WrongState extends QemuVmException {
        private final QemuVmState state;

        WrongState(String vm, QemuVmState state, String action) {
            super("Cannot " + action + " " + vm + " while it is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + ". Wait for the current action to finish, or refresh its state.");
            this.state = state;
        }

        public QemuVmState state() {
            return state;
        }
    }

    /** The VM runs but Sluice has no QMP session to it (its socket was unreachable when re-attaching). */
    public static final class NotConnected extends QemuVmException {
        NotConnected(String vm, String cause) {
            super("Sluice is not connected to " + vm + "'s QMP socket, so it cannot ask QEMU"
                    + (cause == null ? "" : " (" + cause + ")")
                    + ". Sluice connects again when it next needs QEMU; another program holding the socket (QEMU "
                    + "serves one QMP client at a time) must let it go first. If that keeps failing, Power off stops "
                    + "the VM by its process id.");
        }
    }

    /** The directory for QMP sockets and pidfiles is not private; nothing was started. */
    public static final class UnsafeRunDirectory extends QemuVmException {
        UnsafeRunDirectory(String problem) {
            super("Sluice did not start the VM: its run directory is not safe. " + problem);
        }
    }

    /** qemu-system exited before the VM ran; {@code qemuError} is its own words. */
    public static final class StartFailed extends QemuVmException {
        private final String qemuError;

        StartFailed(String vm, String qemuError) {
            super("QEMU could not start " + vm + ": " + qemuError + " " + hint(qemuError));
            this.qemuError = qemuError;
        }

        public String qemuError() {
            return qemuError;
        }

        private static String hint(String err) {
            String e = err.toLowerCase(java.util.Locale.ROOT);
            if (e.contains("failed to get") && e.contains("lock")) {
                return "Another VM or qemu-img is using that disk; stop it first.";
            }
            if (e.contains("permission denied")) {
                return "Give the user that runs QEMU access to the disk (for zvols: the `disk` group), or load the zvol's encryption key.";
            }
            if (e.contains("invalid argument") && e.contains("cache")) {
                return "The file system holding the image does not support O_DIRECT (cache=none); move the image to a zvol or a local file system.";
            }
            if (e.contains("no such file")) {
                return "A disk of the VM is missing; run the checks (preflight) to see which.";
            }
            if (e.contains("address already in use")) {
                return "The VNC display or QMP socket is taken by another process; pick another VNC display.";
            }
            return "See Activity for the full command line.";
        }
    }
}
