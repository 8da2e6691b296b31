package dev.sluice.ui.throughput;

import java.util.Locale;

/**
 * Human units for rates: B/s, KiB/s, MiB/s, GiB/s (binary, as ZFS prints them) and IOPS. An axis
 * uses one unit for all its ticks, chosen from its upper bound, so labels line up.
 */
public final class Units {
    private static final String[] BYTE_UNITS = {"B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s"};

    private Units() {
    }

    /** The power of 1024 that suits {@code maxBps}: 0 for B/s, 1 for KiB/s, ... */
    public static int bytePower(double maxBps) {
        int p = 0;
        double v = Math.abs(maxBps);
        while (v >= 1024 && p < BYTE_UNITS.length - 1) {
            v /= 1024;
            p++;
        }
        return p;
    }

    public static String byteUnit(int power) {
        return BYTE_UNITS[power];
    }

    /** {@code 12.3 MiB/s}, with the unit that suits the value itself. */
    public static String rate(double bps) {
        return rate(bps, bytePower(bps));
    }

    /** The value in a given unit: for axis ticks that share one unit. */
    public static String rate(double bps, int power) {
        double v = bps / Math.pow(1024, power);
        return number(v) + " " + BYTE_UNITS[power];
    }

    public static String iops(double iops) {
        return number(iops) + " IOPS";
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100 || a == Math.rint(a)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
