package dev.sluice.zfs;

/** What a vdev is; leaves are DISK or FILE, the rest group other vdevs. */
public enum VdevType {
    ROOT, MIRROR, RAIDZ, DRAID, DISK, FILE, SPARE, REPLACING, INDIRECT, HOLE, MISSING, UNKNOWN;

    public static VdevType fromJson(String vdevType) {
        if (vdevType == null) {
            return UNKNOWN;
        }
        return switch (vdevType) {
            case "root" -> ROOT;
            case "mirror" -> MIRROR;
            case "raidz" -> RAIDZ;
            case "draid" -> DRAID;
            case "disk" -> DISK;
            case "file" -> FILE;
            case "spare" -> SPARE;
            case "replacing" -> REPLACING;
            case "indirect" -> INDIRECT;
            case "hole" -> HOLE;
            case "missing" -> MISSING;
            default -> UNKNOWN;
        };
    }

    /** Guess from a name as {@code zpool list -v} prints it (OpenZFS 2.1 has no vdev types in machine output). */
    public static VdevType fromName(String name) {
        if (name.matches("mirror-\\d+")) {
            return MIRROR;
        }
        if (name.matches("raidz[1-3]?-\\d+")) {
            return RAIDZ;
        }
        if (name.startsWith("draid")) {
            return DRAID;
        }
        if (name.matches("spare-\\d+")) {
            return SPARE;
        }
        if (name.matches("replacing-\\d+")) {
            return REPLACING;
        }
        if (name.matches("indirect-\\d+")) {
            return INDIRECT;
        }
        if (name.startsWith("/") && !name.startsWith("/dev/")) {
            return FILE;
        }
        return DISK;
    }

    public boolean isGroup() {
        return this == ROOT || this == MIRROR || this == RAIDZ || this == DRAID || this == SPARE || this == REPLACING;
    }
}
