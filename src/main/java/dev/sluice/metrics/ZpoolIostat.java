package dev.sluice.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads {@code zpool iostat -Hpv} output line by line. Each row is
 * {@code name TAB alloc TAB free TAB read-ops TAB write-ops TAB read-bytes TAB write-bytes}, already
 * per-second averages over the interval ({@code -p}: exact numbers). With {@code -H} nothing marks
 * where a report ends and rows carry no indentation, so pool rows are recognised by name (the
 * pools are listed first with {@code zpool list -H -o name}) and a report ends when a pool seen
 * in it comes round again, or when it has as many rows as the previous one (so the last pool of a
 * report does not wait a whole interval). Section rows such as {@code logs} or {@code cache} have
 * {@code -} for numbers and are skipped; the devices under them stay with their pool.
 */
public final class ZpoolIostat {

    /** One row; {@code vdev} is null for the pool's own row. */
    public record Row(String pool, String vdev, long alloc, long free, long readOps, long writeOps,
                      long readBytes, long writeBytes) {

        public Device device() {
            return vdev == null ? Device.pool(pool) : Device.vdev(pool, vdev);
        }

        public IoRate rate() {
            return new IoRate(readBytes, writeBytes, readOps, writeOps);
        }
    }

    private final Set<String> pools;
    private final Consumer<List<Row>> onReport;
    private final List<Row> current = new ArrayList<>();
    private final List<String> poolsInReport = new ArrayList<>();
    private String pool;
    private int previousSize = -1;
    private boolean earlyFlushed;

    public ZpoolIostat(Set<String> pools, Consumer<List<Row>> onReport) {
        this.pools = Set.copyOf(pools);
        this.onReport = onReport;
    }

    /** All reports of a finished output, for tests and one-shot runs. */
    public static List<List<Row>> parseReports(String text, Set<String> pools) {
        List<List<Row>> reports = new ArrayList<>();
        ZpoolIostat p = new ZpoolIostat(pools, reports::add);
        text.lines().forEach(p::line);
        p.end();
        return reports;
    }

    public void line(String line) {
        String[] f = line.split("\t", -1);
        if (f.length == 1 && !f[0].isBlank() && f[0].strip().chars().allMatch(Character::isDigit)) {
            flush(); // a "-T u" timestamp starts a report
            return;
        }
        if (f.length < 7) {
            return;
        }
        String name = f[0];
        if (pools.contains(name)) {
            if (poolsInReport.contains(name)) {
                flush();
            }
            poolsInReport.add(name);
            pool = name;
        }
        if (pool == null) {
            if (earlyFlushed) {
                previousSize = -1; // the report grew: wait for the next pool row to end reports again
            }
            return;
        }
        long[] n = new long[6];
        for (int i = 0; i < 6; i++) {
            n[i] = number(f[i + 1]);
        }
        if (n[2] < 0 || n[3] < 0 || n[4] < 0 || n[5] < 0) {
            return; // a section heading (logs, cache, spares, special) or a device without statistics
        }
        current.add(new Row(pool, name.equals(pool) ? null : name, Math.max(0, n[0]), Math.max(0, n[1]),
                n[2], n[3], n[4], n[5]));
        if (current.size() == previousSize) {
            flush();
            earlyFlushed = true;
        }
    }

    /** The output ended: the last report is complete. */
    public void end() {
        flush();
    }

    private void flush() {
        earlyFlushed = false;
        if (!current.isEmpty()) {
            previousSize = current.size();
            onReport.accept(List.copyOf(current));
        }
        current.clear();
        poolsInReport.clear();
        pool = null;
    }

    private static long number(String s) {
        s = s.strip();
        if (s.isEmpty() || s.equals("-")) {
            return -1;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
