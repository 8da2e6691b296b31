package dev.sluice.zfs;

/** {@code keystatus}: NONE for unencrypted datasets ("-"). */
public enum KeyStatus {
    AVAILABLE, UNAVAILABLE, NONE;

    public static KeyStatus parse(String s) {
        return switch (s) {
            case "available" -> AVAILABLE;
            case "unavailable" -> UNAVAILABLE;
            default -> NONE;
        };
    }
}
