package dev.sluice.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Linux {@code /proc/diskstats} (kernel Documentation/admin-guide/iostats.rst). Each line is
 * major, minor, name, then 11, 15 or 17 counters depending on the kernel (14, 18 or 20 fields in
 * all); Sluice needs the first four: reads completed, sectors read, writes completed, sectors
 * written. Sectors are always 512 bytes here, whatever the device's own sector size.
 * Hand-written tokenizer: this runs every second for every disk, so it avoids regex and boxing.
 */
public final class Diskstats {
    public static final int SECTOR_BYTES = 512;

    /** One device line. Counters are raw kernel values (sectors, not bytes). */
    public record Entry(int major, int minor, String name, long readsCompleted, long sectorsRead,
                        long writesCompleted, long sectorsWritten) {

        /** Counters for {@link RateCalculator}, bytes in units of {@link #SECTOR_BYTES}. */
        public IoCounters counters() {
            return new IoCounters(sectorsRead, sectorsWritten, readsCompleted, writesCompleted);
        }
    }

    private Diskstats() {
    }

    /** All well-formed lines; malformed ones (a truncated read) are skipped rather than failing a tick. */
    public static List<Entry> parse(CharSequence text) {
        List<Entry> out = new ArrayList<>(64);
        int n = text.length();
        int pos = 0;
        long[] nums = new long[9];
        while (pos < n) {
            int end = pos;
            while (end < n && text.charAt(end) != '\n') {
                end++;
            }
            Entry e = parseLine(text, pos, end, nums);
            if (e != null) {
                out.add(e);
            }
            pos = end + 1;
        }
        return out;
    }

    /** One line, or null when it is not a diskstats line. */
    public static Entry parseLine(CharSequence s) {
        return parseLine(s, 0, s.length(), new long[9]);
    }

    private static Entry parseLine(CharSequence s, int from, int to, long[] nums) {
        int p = skipSpace(s, from, to);
        String name = null;
        int field = 0;
        int numeric = 0;
        while (p < to) {
            int start = p;
            while (p < to && !isSpace(s.charAt(p))) {
                p++;
            }
            if (field == 2) {
                name = s.subSequence(start, p).toString();
            } else {
                long v = number(s, start, p);
                if (v < 0) {
                    return null;
                }
                if (numeric < nums.length) {
                    nums[numeric] = v;
                }
                numeric++;
            }
            field++;
            p = skipSpace(s, p, to);
        }
        // 14 fields at least (kernels before 4.18); fewer means a truncated or foreign line.
        if (field < 14 || name == null) {
            return null;
        }
        // numeric: 0 major, 1 minor, 2 reads, 3 reads merged, 4 sectors read, 5 ms reading,
        // 6 writes, 7 writes merged, 8 sectors written
        return new Entry((int) nums[0], (int) nums[1], name, nums[2], nums[4], nums[6], nums[8]);
    }

    private static long number(CharSequence s, int from, int to) {
        if (from == to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int skipSpace(CharSequence s, int p, int to) {
        while (p < to && isSpace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
