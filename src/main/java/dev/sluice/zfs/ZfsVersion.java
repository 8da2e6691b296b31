package dev.sluice.zfs;

/**
 * The OpenZFS release on a host, from {@code zfs version} (first line {@code zfs-2.3.2-2~bpo12+2},
 * second {@code zfs-kmod-...}). Decides which machine-readable options exist: {@code -j} JSON
 * output from 2.3, {@code zfs holds -p} from 2.2.
 */
public record ZfsVersion(int major, int minor, int patch, String userland, String kernel) {

    /** Used when the version cannot be read: assume the oldest CLI we support (no -j, no holds -p). */
    public static final ZfsVersion ASSUMED_OLDEST = new ZfsVersion(2, 1, 0, "unknown", "unknown");

    /** Reads {@code zfs version} output; unknown text gives {@link #ASSUMED_OLDEST}. */
    public static ZfsVersion parse(String output) {
        String userland = "unknown";
        String kernel = "unknown";
        for (String line : output.strip().split("\n")) {
            String l = line.strip();
            if (l.startsWith("zfs-kmod-")) {
                kernel = l;
            } else if (l.startsWith("zfs-") && userland.equals("unknown")) {
                userland = l;
            }
        }
        int[] v = numbers(userland.startsWith("zfs-") ? userland.substring(4) : "");
        if (v == null) {
            v = numbers(kernel.startsWith("zfs-kmod-") ? kernel.substring(9) : "");
        }
        if (v == null) {
            return new ZfsVersion(2, 1, 0, userland, kernel);
        }
        return new ZfsVersion(v[0], v[1], v[2], userland, kernel);
    }

    private static int[] numbers(String s) {
        int[] out = new int[3];
        int part = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length() && part < 3) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                out[part] = out[part] * 10 + (c - '0');
                any = true;
            } else if (c == '.' && any) {
                part++;
            } else {
                break;
            }
            i++;
        }
        return any ? out : null;
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** {@code zpool status -j}, {@code zfs list -j} and friends exist from OpenZFS 2.3. */
    public boolean hasJson() {
        return atLeast(2, 3);
    }

    /** {@code zfs holds -p} (exact timestamps) exists from OpenZFS 2.2; 2.1 answers "invalid option 'p'". */
    public boolean hasParsableHolds() {
        return atLeast(2, 2);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
