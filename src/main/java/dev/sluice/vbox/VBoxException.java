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
        VBoxException.VmNotFound, VBoxException.WrongState, VBoxException.Failed {

    private final String detail;

    VBoxException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    /** closemedium on a medium still attached to a VM, with child media, or locked by a running VM. */
    public static final class MediumInUse extends VBoxException {
        MediumInUse(String medium, String detail) {
            super("VirtualBox cannot close " + medium + " because a VM still uses it (" + detail + "). "
                    + "Power the VM off and detach the disk first (VMs → disk → Detach), then close it.", detail);
        }
    }

    /** VERR_FILE_NOT_FOUND: the medium, or the device a raw VMDK points at, is gone. */
    public static final class MediumMissing extends VBoxException {
        MediumMissing(String path, String detail) {
            super("VirtualBox cannot find " + path + " (VERR_FILE_NOT_FOUND). If it is a raw VMDK, the zvol it points at "
                    + "was moved or destroyed: recreate the raw VMDK for the zvol's device, or detach the disk.", detail);
        }
    }

    /** VERR_ACCESS_DENIED: an encrypted zvol whose key is not loaded, or device permissions. */
    public static final class AccessDenied extends VBoxException {
        AccessDenied(String path, String detail) {
            super("VirtualBox may not open " + path + " (VERR_ACCESS_DENIED). If it is on an encrypted dataset, load its key "
                    + "(`zfs load-key`); otherwise add your user to the group owning the zvol device (`disk`) and log in again.", detail);
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

    /** The path VirtualBox names on the line carrying {@code code}: "opening image file '/dev/zvol/...'". */
    private static String pathIn(String stderr, String code, String fallback) {
        for (String line : stderr.split("\n")) {
            if (line.contains(code)) {
                Matcher m = QUOTED.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return fallback;
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
