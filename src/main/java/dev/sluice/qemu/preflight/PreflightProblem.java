package dev.sluice.qemu.preflight;

/**
 * One reason a VM should not start (or, if not {@code blocking}, a warning): what is wrong, on
 * which disk, and how to fix it. {@link #text()} is fit to show a user as it is.
 */
public record PreflightProblem(Kind kind, String disk, String message, String fix, boolean blocking) {

    public enum Kind {
        /** The image file or zvol is gone. */
        MISSING_BACKING,
        /** The zvol exists but its device node does not (volmode=none, or udev has not made it yet). */
        MISSING_DEVICE_NODE,
        /** An encrypted zvol whose key is not loaded: VirtualBox reports VERR_ACCESS_DENIED, QEMU "Permission denied". */
        KEY_NOT_LOADED,
        /** The hypervisor user cannot read/write the device or file. */
        NO_ACCESS,
        /** Declared size differs from the zvol's volsize or the image's virtual size. */
        SIZE_MISMATCH,
        /** A raw VMDK's extent names a device that no longer exists (after a migration or destroy). */
        VMDK_DEVICE_MISSING
    }

    public String text() {
        return disk + ": " + message + " " + fix;
    }
}
