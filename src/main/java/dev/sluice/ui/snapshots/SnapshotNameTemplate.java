package dev.sluice.ui.snapshots;

import java.time.ZonedDateTime;

/**
 * Snapshot names from a strftime-like template, as admins know them from zfs-auto-snapshot and
 * sanoid: {@code sluice-%Y%m%d-%H%M%S} becomes {@code sluice-20261121-104700}. Known: %Y %m %d %H %M
 * %S %j %%; any other %x is kept as typed, and the ZFS name check then says what is wrong.
 */
public final class SnapshotNameTemplate {

    public static final String DEFAULT = "sluice-%Y%m%d-%H%M%S";

    private SnapshotNameTemplate() {
    }

    public static String format(String template, ZonedDateTime at) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char f = template.charAt(++i);
            switch (f) {
                case 'Y' -> out.append(String.format("%04d", at.getYear()));
                case 'm' -> out.append(String.format("%02d", at.getMonthValue()));
                case 'd' -> out.append(String.format("%02d", at.getDayOfMonth()));
                case 'H' -> out.append(String.format("%02d", at.getHour()));
                case 'M' -> out.append(String.format("%02d", at.getMinute()));
                case 'S' -> out.append(String.format("%02d", at.getSecond()));
                case 'j' -> out.append(String.format("%03d", at.getDayOfYear()));
                case '%' -> out.append('%');
                default -> out.append('%').append(f);
            }
        }
        return out.toString();
    }
}
