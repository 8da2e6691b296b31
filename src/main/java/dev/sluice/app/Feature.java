package dev.sluice.app;

/**
 * The sidebar entries, in order; Ctrl+1..7 follow this order. {@code key} names the i18n keys
 * ({@code nav.<key>}, {@code nav.<key>.pending}) and the saved "last view".
 */
public enum Feature {
    POOLS("pools", Icons.POOLS),
    VOLUMES("volumes", Icons.VOLUMES),
    SNAPSHOTS("snapshots", Icons.SNAPSHOTS),
    IMAGES("images", Icons.IMAGES),
    VMS("vms", Icons.VMS),
    THROUGHPUT("throughput", Icons.THROUGHPUT),
    ACTIVITY("activity", Icons.ACTIVITY);

    private final String key;
    private final String iconPath;

    Feature(String key, String iconPath) {
        this.key = key;
        this.iconPath = iconPath;
    }

    public String key() {
        return key;
    }

    /** SVG path data (24×24 box) for the sidebar icon. */
    public String iconPath() {
        return iconPath;
    }

    public static Feature byName(String name, Feature fallback) {
        for (Feature f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return fallback;
    }
}
