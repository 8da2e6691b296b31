package dev.sluice.guest;

import dev.sluice.zfs.HostOs;
import java.util.Optional;

/**
 * One disk of a guest and what really backs it. {@code path} is what the hypervisor opens (an
 * image, a raw VMDK descriptor, or a zvol device); {@code device} the block device behind it
 * (the zvol's /dev path) when there is one, and {@code zvolName} the dataset that device is, read from the
 * path by the host's {@link HostOs} ({@code /dev/zvol/tank/vm+disks/web+1} is {@code tank/vm disks/web 1}
 * on Linux). {@code deviceMissing}: a raw VMDK pointing at a device that no longer exists (the zvol
 * was moved or destroyed).
 * For VirtualBox, {@code controller}/{@code port}/{@code device} name the slot; QEMU disks use
 * the drive index as port. {@code pinningSnapshots}: the VirtualBox snapshots whose differencing images
 * sit on top of the raw VMDK ({@code path} is then the current differencing image): the disk cannot be
 * re-pointed to another device while they exist.
 */
public record GuestDisk(String slot, String controller, int port, int deviceNumber, Kind kind, String path,
                        String device, boolean deviceMissing, String zvolName, String lockedKeyRoot,
                        java.util.List<String> pinningSnapshots) {

    public GuestDisk {
        pinningSnapshots = pinningSnapshots == null ? java.util.List.of() : java.util.List.copyOf(pinningSnapshots);
    }

    public GuestDisk(String slot, String controller, int port, int deviceNumber, Kind kind, String path,
                     String device, boolean deviceMissing, String zvolName, String lockedKeyRoot) {
        this(slot, controller, port, deviceNumber, kind, path, device, deviceMissing, zvolName, lockedKeyRoot, java.util.List.of());
    }

    /** This disk with the VirtualBox snapshots that pin it (see {@link #pinningSnapshots}). */
    GuestDisk pinnedBy(java.util.List<String> snapshots) {
        return new GuestDisk(slot, controller, port, deviceNumber, kind, path, device, deviceMissing, zvolName, lockedKeyRoot,
                snapshots);
    }

    public enum Kind { ZVOL, IMAGE, RAW_VMDK }

    /** A disk whose zvol, if any, is what {@code os} reads from {@code device}. */
    static GuestDisk of(HostOs os, String slot, String controller, int port, int deviceNumber, Kind kind, String path,
                        String device, boolean deviceMissing) {
        return of(os, slot, controller, port, deviceNumber, kind, path, device, deviceMissing, null);
    }

    /** {@code lockedKeyRoot}: the encryption root whose key must be loaded before the device is back (else null). */
    static GuestDisk of(HostOs os, String slot, String controller, int port, int deviceNumber, Kind kind, String path,
                        String device, boolean deviceMissing, String lockedKeyRoot) {
        return new GuestDisk(slot, controller, port, deviceNumber, kind, path, device, deviceMissing,
                device == null ? null : os.zvolOf(device).orElse(null), lockedKeyRoot);
    }

    /**
     * The zvol is there but encrypted with its key not loaded: on Linux its device node is gone until
     * the key is loaded, which is not the same as the zvol being gone ({@link #deviceMissing}).
     */
    public boolean keyNotLoaded() {
        return lockedKeyRoot != null;
    }

    /** Flagged in the VMs view: the device is gone, or waits for its key. */
    public boolean hasProblem() {
        return deviceMissing || keyNotLoaded();
    }

    /** The zvol's dataset name ({@code tank/vm/disk0}), when a zvol backs this disk. */
    public Optional<String> zvol() {
        return Optional.ofNullable(zvolName);
    }

    /** The pool the backing zvol lives on. */
    public Optional<String> pool() {
        return zvol().map(z -> z.contains("/") ? z.substring(0, z.indexOf('/')) : z);
    }
}
