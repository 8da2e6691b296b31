package dev.sluice.ui.common;

import java.util.Locale;

/**
 * Byte counts as tables show them: 1024-based, one decimal, IEC units ("333.9 MiB"). For display
 * only; columns sort by the raw byte value, and ZFS-typed sizes ("10G") live in dev.sluice.zfs.
 */
public final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {
    }

    /** "1.5 GiB"; "—" for a negative value (ZFS's "-": not applicable or unknown). */
    public static String human(long bytes) {
        if (bytes < 0) {
            return "—";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = Math.min(UNITS.length - 1, (63 - Long.numberOfLeadingZeros(bytes)) / 10);
        double v = bytes / (double) (1L << (10 * unit));
        // 1023.96 KiB would print as "1024.0 KiB": step up instead
        if (v >= 1023.95 && unit < UNITS.length - 1) {
            unit++;
            v = v / 1024;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** "42 %"; "—" when negative. */
    public static String percent(double fraction) {
        return fraction < 0 ? "—" : String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }
}
