package dev.sluice.zfs;

/** The {@code type} property. */
public enum DatasetType {
    FILESYSTEM, VOLUME, SNAPSHOT, BOOKMARK, UNKNOWN;

    public static DatasetType parse(String s) {
        return switch (s) {
            case "filesystem" -> FILESYSTEM;
            case "volume" -> VOLUME;
            case "snapshot" -> SNAPSHOT;
            case "bookmark" -> BOOKMARK;
            default -> UNKNOWN;
        };
    }

    /** The word {@code zfs list -t} takes. */
    public String zfsName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
