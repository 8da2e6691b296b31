package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /proc/diskstats look-alike with {@code disks} disks of two partitions each, in the 20-field layout. */
final class MetricsDiskstatsFile {
    private MetricsDiskstatsFile() {
    }

    static String text(int disks, long tick) {
        StringBuilder sb = new StringBuilder(disks * 3 * 110);
        for (int d = 0; d < disks; d++) {
            String name = "sd" + (char) ('a' + d / 26 % 26) + (char) ('a' + d % 26);
            line(sb, 8, d * 16, name, tick * (d + 1));
            line(sb, 8, d * 16 + 1, name + "1", tick);
            line(sb, 8, d * 16 + 2, name + "2", tick * d);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, int major, int minor, String name, long n) {
        sb.append(String.format("%4d %7d %s %d 0 %d %d %d 0 %d %d 0 %d %d 0 0 0 0 %d %d%n",
                major, minor, name, 1000 + n, 80_000 + n * 8, 300 + n, 2000 + n * 2, 160_000 + n * 64, 900 + n, 1500 + n, 2400 + n, 7, 3));
    }

    static Path write(Path file, int disks, long tick) throws IOException {
        return Files.writeString(file, text(disks, tick));
    }
}
