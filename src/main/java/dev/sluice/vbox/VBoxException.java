package dev.sluice.vbox;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VBoxManage refused or failed. Subtypes say why; each message names the problem and the fix,
 * fit to show a user as it is. {@code detail} keeps VirtualBox's own first error line.
 */
public sealed class VBoxException extends Exception
        permits VBoxException.MediumInUse, VBoxException.MediumMissing, VBoxException.AccessDenied,
        VBoxException.KeyNotLoaded, VBoxException.VmNotFound, VBoxException.WrongState, VBoxException.ServiceNotStarted,
        VBoxException.Failed {

    private final String detail;

    VBoxException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    /**
     * closemedium on a medium still attached to a VM, referenced by one of its VirtualBox snapshots
     * (even after the drive is emptied: VBOX_E_OBJECT_IN_USE), with child media, or locked by a running VM.
     */
    public static final class MediumInUse extends VBoxException {
        MediumInUse(String medium, String detail) {
            super("VirtualBox cannot close " + medium + " because a VM or one of its VirtualBox snapshots still uses it ("
                    + detail + "). Power the VM off and detach the disk first (VMs → disk → Detach); if a VirtualBox "
                    + "snapshot refers to it, delete that snapshot or keep the medium.", detail);
        }
    }

    /**
     * VERR_FILE_NOT_FOUND: VirtualBox could not open {@code path} (for a raw VMDK, the device it names).
     * On Linux an encrypted zvol whose key is not loaded has no device node either, so this alone
     * does not say the zvol is gone; {@link VBoxService} asks ZFS and says which it is.
     */
    public static final class MediumMissing extends VBoxException {
        private final String path;

        MediumMissing(String path, String detail) {
            this(path, "VirtualBox cannot open " + path + " (VERR_FILE_NOT_FOUND). If it is a zvol's device, the zvol was "
                    + "moved or destroyed, or its key is not loaded: load the key, or recreate the raw VMDK for the zvol's "
                    + "device, or detach the disk.", detail);
        }

        private MediumMissing(String path, String message, String detail) {
            super(message, detail);
            this.path = path;
        }

        /** ZFS confirmed it: no zvol {@code dataset} exists any more. */
        static MediumMissing deviceGone(String device, String dataset, String detail) {
            return new MediumMissing(device, "VirtualBox cannot open " + device + " (VERR_FILE_NOT_FOUND): the device is gone, "
                    + "there is no zvol " + dataset + " any more (moved or destroyed). Recreate the raw VMDK for the zvol's "
                    + "new device, or detach the disk.", detail);
        }

        public String path() {
            return path;
        }
    }

    /** VERR_ACCESS_DENIED: device permissions, or (illumos, whose node stays) an encrypted zvol whose key is not loaded. */
    public static final class AccessDenied extends VBoxException {
        private final String path;

        AccessDenied(String path, String detail) {
            super("VirtualBox may not open " + path + " (VERR_ACCESS_DENIED). If it is on an encrypted dataset, load its key "
                    + "(`zfs load-key`); otherwise add your user to the group owning the zvol device (`disk`) and log in again.", detail);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /**
     * VERR_FILE_NOT_FOUND (Linux: unloading a key removes the zvol's device node) or VERR_ACCESS_DENIED
     * (illumos: the node stays), and ZFS says the zvol's key is not loaded.
     */
    public static final class KeyNotLoaded extends VBoxException {
        KeyNotLoaded(String device, String dataset, String encryptionRoot, String code, String detail) {
            super("VirtualBox cannot open " + device + " (" + code + "): the zvol " + dataset + " is encrypted and its key is "
                    + "not loaded. Load the key of " + encryptionRoot + " (`zfs load-key " + encryptionRoot
                    + "`, Volumes → Load key), then try again.", detail);
        }
    }

    public static final class VmNotFound extends VBoxException {
        VmNotFound(String vm, String detail) {
            super("VirtualBox has no VM " + vm + ". It may have been renamed or unregistered; refresh the VM list.", detail);
        }
    }

    /** The VM's state does not allow the action (attachments of a running VM, starting a running VM, ...). */
    public static final class WrongState extends VBoxException {
        WrongState(String vm, String action, String detail) {
            super("Cannot " + action + " while " + vm + " is in its current state (" + detail + "). "
                    + "Power the VM off first, or refresh its state and try again.", detail);
        }
    }

    /**
     * "Failed to create the VirtualBox object!" (NS_ERROR_FAILURE, "the VirtualBox COM server is not running or
     * failed to start"): VBoxManage could not reach VBoxSVC, the per-user service it starts on demand, so the
     * command itself never ran and nothing changed. On a loaded host VBoxSVC can take longer to start than
     * VBoxManage waits; {@link VBoxService} retries such a command (only this error) before it gives up.
     */
    public static final class ServiceNotStarted extends VBoxException {
        private final int attempts;

        ServiceNotStarted(String action, int attempts, String detail) {
            super(VBoxText.t("vbox.error.serviceNotStarted", action, attempts), detail);
            this.attempts = attempts;
        }

        /** How many times the command was tried, each time without VBoxSVC answering. */
        public int attempts() {
            return attempts;
        }

        static boolean matches(String stderr) {
            return stderr.contains("Failed to create the VirtualBox object")
                    || stderr.contains("the VirtualBox COM server is not running or failed to start");
        }
    }

    public static final class Failed extends VBoxException {
        Failed(String action, String detail) {
            super("VBoxManage could not " + action + ": " + detail + ". See Activity for the full command and its output.", detail);
        }
    }

    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    /** Turns VBoxManage's stderr into the right typed failure; {@code subject} is the VM or medium acted on. */
    static VBoxException classify(String action, String subject, String stderr) {
        String first = firstError(stderr);
        String all = stderr == null ? "" : stderr;
        String lower = all.toLowerCase(Locale.ROOT);
        if (ServiceNotStarted.matches(all)) {
            return new ServiceNotStarted(action, 1, first);
        }
        if (lower.contains("cannot be closed because it is still attached") || lower.contains("because it has")
                && lower.contains("child media") || lower.contains("is locked for")) {
            return new MediumInUse(subject, first);
        }
        if (all.contains("VERR_FILE_NOT_FOUND")) {
            return new MediumMissing(pathIn(all, "VERR_FILE_NOT_FOUND", subject), first);
        }
        if (all.contains("VERR_ACCESS_DENIED")) {
            return new AccessDenied(pathIn(all, "VERR_ACCESS_DENIED", subject), first);
        }
        if (lower.contains("could not find a registered machine")) {
            return new VmNotFound(subject, first);
        }
        if (lower.contains("hot-plugging") || lower.contains("is not mutable") || lower.contains("is not currently running")
                || lower.contains("already locked") || lower.contains("invalid machine state")) {
            return new WrongState(subject, action, first);
        }
        return new Failed(action, first);
    }

    /**
     * The path VirtualBox names on the lines carrying {@code code}: a device where it names one ("Failed to
     * open the raw drive '/dev/zvol/...'"), else the first quoted path ("opening image file '...'").
     */
    private static String pathIn(String stderr, String code, String fallback) {
        String first = null;
        for (String line : stderr.split("\n")) {
            if (line.contains(code)) {
                Matcher m = QUOTED.matcher(line);
                while (m.find()) {
                    if (m.group(1).startsWith("/dev/")) {
                        return m.group(1);
                    }
                    first = first == null ? m.group(1) : first;
                }
            }
        }
        return first == null ? fallback : first;
    }

    static String firstError(String stderr) {
        if (stderr == null) {
            return "no error text";
        }
        for (String line : stderr.split("\n")) {
            String l = line.strip();
            if (l.startsWith("VBoxManage: error: ")) {
                return l.substring("VBoxManage: error: ".length());
            }
        }
        String s = stderr.strip();
        return s.isEmpty() ? "no error text" : s.lines().findFirst().orElse(s);
    }
}
