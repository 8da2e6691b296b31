package dev.sluice.guest;

import java.util.Optional;

/**
 * One disk of a guest and what really backs it. {@code path} is what the hypervisor opens (an
 * image, a raw VMDK descriptor, or a zvol device); {@code device} the block device behind it
 * (the zvol's /dev path) when there is one. {@code deviceMissing}: a raw VMDK pointing at a
 * device that no longer exists (the zvol was moved or destroyed).
 * For VirtualBox, {@code controller}/{@code port}/{@code device} name the slot; QEMU disks use
 * the drive index as port.
 */
public record GuestDisk(String slot, String controller, int port, int deviceNumber, Kind kind, String path,
                        String device, boolean deviceMissing) {

    public enum Kind { ZVOL, IMAGE, RAW_VMDK }

    /** The zvol's dataset name ({@code tank/vm/disk0}), when a zvol backs this disk. */
    public Optional<String> zvol() {
        return device == null ? Optional.empty() : ZfsZvolLookup.datasetOf(device);
    }

    /** The pool the backing zvol lives on. */
    public Optional<String> pool() {
        return zvol().map(z -> z.contains("/") ? z.substring(0, z.indexOf('/')) : z);
    }
}
