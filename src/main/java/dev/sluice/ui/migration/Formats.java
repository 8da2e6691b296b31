package dev.sluice.ui.migration;

import dev.sluice.ui.common.Sizes;
import java.time.Duration;
import java.util.Locale;

/** How the progress page writes rates and durations. */
final class Formats {
    private Formats() {
    }

    static String rate(double bytesPerSecond) {
        return bytesPerSecond <= 0 ? "—" : Sizes.human((long) bytesPerSecond) + "/s";
    }

    /** "0:42", "1:02:03". */
    static String clock(Duration d) {
        if (d == null || d.isNegative()) {
            return "—";
        }
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** "14.2 s" for a downtime: admins compare these to a second. */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
