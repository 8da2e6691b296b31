package dev.sluice.qemu.preflight;

import dev.sluice.host.CommandException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks before any VM start, for both hypervisors: every backing exists, encryption keys are
 * loaded, the hypervisor user may read and write it, declared sizes match, and raw VMDKs point
 * at devices that still exist. Problems come back as data; nothing is changed.
 */
public final class Preflight {
    private final PathProbe paths;
    private final ZvolLookup zvols;
    private final ImageSizes images;

    public Preflight(PathProbe paths, ZvolLookup zvols, ImageSizes images) {
        this.paths = paths;
        this.zvols = zvols;
        this.images = images;
    }

    public List<PreflightProblem> check(List<DiskBacking> disks) throws CommandException {
        return check(disks, true);
    }

    /**
     * {@code checkAccess} false: the hypervisor gives its process access itself (libvirt's
     * {@code dynamic_ownership} chowns each disk to libvirt-qemu at start), so the connected user's
     * access says nothing.
     */
    public List<PreflightProblem> check(List<DiskBacking> disks, boolean checkAccess) throws CommandException {
        List<PreflightProblem> out = new ArrayList<>();
        HypervisorUser user = disks.isEmpty() || !checkAccess ? null : paths.user();
        for (DiskBacking d : disks) {
            switch (d.kind()) {
                case IMAGE -> checkImage(d, user, out);
                case ZVOL -> checkDevice(d, d.path(), user, out, false);
                case RAW_VMDK -> {
                    Optional<PathFacts> vmdk = paths.stat(d.path());
                    if (vmdk.isEmpty()) {
                        out.add(new PreflightProblem(PreflightProblem.Kind.MISSING_BACKING, d.label(),
                                "The VMDK descriptor " + d.path() + " does not exist.",
                                "Recreate it for the zvol (Attach zvol as disk), or detach the disk.", true));
                    } else {
                        checkDevice(d, d.device(), user, out, true);
                    }
                }
            }
        }
        return out;
    }

    /** The zvol behind a device path (empty when it is not a zvol, or there is no such zvol). */
    public Optional<ZvolFacts> zvolBehind(String device) throws CommandException {
        return zvols.zvol(device);
    }

    public static List<PreflightProblem> blocking(List<PreflightProblem> all) {
        return all.stream().filter(PreflightProblem::blocking).toList();
    }

    private void checkImage(DiskBacking d, HypervisorUser user, List<PreflightProblem> out) throws CommandException {
        Optional<PathFacts> f = paths.stat(d.path());
        if (f.isEmpty()) {
            out.add(new PreflightProblem(PreflightProblem.Kind.MISSING_BACKING, d.label(),
                    "The image " + d.path() + " does not exist.",
                    "Restore it, or point the disk at another image in the VM's settings.", true));
            return;
        }
        if (user != null && !f.get().allows(user, d.readOnly())) {
            out.add(noAccess(d, d.path(), user, f.get()));
        }
        if (d.declaredBytes() != null && images != null) {
            long actual;
            try {
                actual = images.virtualSize(d.path());
            } catch (Exception e) {
                return; // unreadable images show up when the VM starts; preflight does not guess
            }
            if (actual != d.declaredBytes()) {
                out.add(sizeMismatch(d, "image", actual, "Resize the image (Images → Resize) or correct the declared size."));
            }
        }
    }

    private void checkDevice(DiskBacking d, String device, HypervisorUser user, List<PreflightProblem> out, boolean viaVmdk)
            throws CommandException {
        Optional<ZvolFacts> zvol = zvols.zvol(device);
        Optional<PathFacts> node = paths.stat(device);
        if (zvol.isEmpty() && node.isEmpty()) {
            out.add(viaVmdk
                    ? new PreflightProblem(PreflightProblem.Kind.VMDK_DEVICE_MISSING, d.label(),
                            "The raw VMDK " + d.path() + " points at " + device + ", which no longer exists (the zvol was moved or destroyed).",
                            "Recreate the raw VMDK for the zvol's new device path, or detach the disk.", true)
                    : new PreflightProblem(PreflightProblem.Kind.MISSING_BACKING, d.label(),
                            "The zvol " + device + " does not exist.",
                            "Restore it from a snapshot or replica, or point the disk at another zvol.", true));
            return;
        }
        if (zvol.isPresent() && zvol.get().keyStatus() == ZvolFacts.KeyStatus.UNAVAILABLE) {
            String root = zvol.get().encryptionRoot() == null ? zvol.get().dataset() : zvol.get().encryptionRoot();
            // Linux removes the zvol's device node while the key is unloaded (VirtualBox: VERR_FILE_NOT_FOUND,
            // QEMU: No such file); illumos keeps it (VERR_ACCESS_DENIED). Either way the fix is the key.
            out.add(new PreflightProblem(PreflightProblem.Kind.KEY_NOT_LOADED, d.label(),
                    "The zvol " + zvol.get().dataset() + " is encrypted and its key is not loaded, so its device " + device
                            + (node.isEmpty() ? " is missing until the key is loaded." : " cannot be opened."),
                    "Load the key of " + root + ": `zfs load-key " + dev.sluice.host.ShellQuote.quote(root) + "` (Volumes → Load key).", true));
            return;
        }
        if (node.isEmpty()) {
            out.add(new PreflightProblem(PreflightProblem.Kind.MISSING_DEVICE_NODE, d.label(),
                    "The zvol " + zvol.get().dataset() + " exists but its device " + device + " does not.",
                    "Check that its volmode is not `none` (`zfs set volmode=full " + dev.sluice.host.ShellQuote.quote(zvol.get().dataset())
                            + "`), or wait a moment for udev and try again.", true));
            return;
        }
        if (user != null && !node.get().allows(user, d.readOnly())) {
            out.add(noAccess(d, device, user, node.get()));
        }
        if (zvol.isPresent() && d.declaredBytes() != null && zvol.get().volsize() != d.declaredBytes()) {
            out.add(viaVmdk
                    ? new PreflightProblem(PreflightProblem.Kind.SIZE_MISMATCH, d.label(),
                            "The raw VMDK " + d.path() + " describes " + bytes(d.declaredBytes()) + " but the zvol is "
                                    + bytes(zvol.get().volsize()) + "; the guest would see the old size.",
                            "Recreate the raw VMDK so that it matches the zvol.", false)
                    : sizeMismatch(d, "zvol", zvol.get().volsize(), "Resize the zvol (Volumes → Resize) or correct the declared size."));
        }
    }

    private static PreflightProblem noAccess(DiskBacking d, String path, HypervisorUser user, PathFacts f) {
        String what = f.type() == PathFacts.Type.BLOCK_DEVICE
                ? "Add " + user.name() + " to the group that owns it (usually `disk`: `usermod -aG disk " + user.name()
                        + "`, then log in again), or add a udev rule for zvols."
                : "Give " + user.name() + " read" + (d.readOnly() ? "" : " and write") + " access: `chown` or `chmod` the file.";
        return new PreflightProblem(PreflightProblem.Kind.NO_ACCESS, d.label(),
                user.name() + " (the user the hypervisor runs as) cannot " + (d.readOnly() ? "read " : "read and write ") + path
                        + " (mode " + Integer.toOctalString(f.mode()) + ", owner " + f.uid() + ", group " + f.gid() + ").",
                what, true);
    }

    private static PreflightProblem sizeMismatch(DiskBacking d, String what, long actual, String fix) {
        return new PreflightProblem(PreflightProblem.Kind.SIZE_MISMATCH, d.label(),
                "The disk is declared as " + bytes(d.declaredBytes()) + " but the " + what + " is " + bytes(actual) + ".", fix, false);
    }

    static String bytes(long b) {
        if (b % (1L << 30) == 0) {
            return (b >> 30) + " GiB";
        }
        if (b % (1L << 20) == 0) {
            return (b >> 20) + " MiB";
        }
        return b + " bytes";
    }
}
