package dev.sluice.ui.volumes;

import dev.sluice.ui.common.Sizes;
import dev.sluice.zfs.Property;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * How the properties panel shows a value: {@code zfs get -Hp} gives exact numbers, which admins read
 * badly, so byte properties also show their 1024-based size and time properties their date. The exact
 * value stays visible (and is what "copy" takes).
 */
final class PropertyText {
    private static final Set<String> BYTES = Set.of("used", "available", "referenced", "reservation", "refreservation",
            "volsize", "volblocksize", "recordsize", "quota", "refquota", "usedbysnapshots", "usedbydataset",
            "usedbychildren", "usedbyrefreservation", "written", "logicalused", "logicalreferenced", "special_small_blocks");
    private static final Set<String> TIMES = Set.of("creation", "snapshots_changed");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private PropertyText() {
    }

    static String display(Property p) {
        long n = p.asLong();
        if (n >= 0 && BYTES.contains(p.name())) {
            return n == 0 ? "0" : Sizes.human(n) + "  (" + p.value() + ")";
        }
        if (n > 0 && TIMES.contains(p.name())) {
            return WHEN.format(Instant.ofEpochSecond(n));
        }
        return p.value();
    }
}
