package dev.sluice.libvirt;

/**
 * One {@code <disk>} of a domain definition. {@code source} is the file or block device the
 * hypervisor opens ({@code <source file=…>} or {@code <source dev=…>}), or a description of a
 * network/volume source; {@code target} the device name inside the guest ({@code vda}), which
 * identifies the disk in virsh commands.
 */
public record LibvirtDisk(SourceType type, String device, String driverType, String source, String target, String bus,
                          boolean readOnly) {

    /** {@code <disk type=…>}. */
    public enum SourceType { FILE, BLOCK, VOLUME, NETWORK, DIR, NVME, VHOSTUSER, OTHER;

        static SourceType of(String xmlValue) {
            return switch (xmlValue == null ? "" : xmlValue) {
                case "file" -> FILE;
                case "block" -> BLOCK;
                case "volume" -> VOLUME;
                case "network" -> NETWORK;
                case "dir" -> DIR;
                case "nvme" -> NVME;
                case "vhostuser" -> VHOSTUSER;
                default -> OTHER;
            };
        }
    }

    /** A hard disk (not a CD-ROM or floppy). */
    public boolean isDisk() {
        return "disk".equals(device) || "lun".equals(device);
    }

    /** A path on the host (file or block device) the hypervisor opens; null for network and pool volumes or an empty drive. */
    public String hostPath() {
        return (type == SourceType.FILE || type == SourceType.BLOCK) && source != null && source.startsWith("/") ? source : null;
    }
}
