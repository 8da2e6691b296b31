package dev.sluice.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns cumulative counters into rates, per device key. The first reading of a device only sets a
 * baseline (no rate yet). A counter that goes down was reset (device re-created, VM restarted) or,
 * on a 32-bit kernel, wrapped: a wrap is unwrapped, a reset counts only what was done since the
 * reset, so a chart never shows a negative or absurd spike. When the kernel device behind a name
 * changes ({@code identity}: the zvol was zd0 and is now zd16), the old baseline means nothing and
 * the reading starts afresh. Not thread-safe: one sampler owns one calculator.
 */
public final class RateCalculator {
    static final long WRAP_32 = 1L << 32;

    private static final class Baseline {
        String identity;
        long nanos;
        long readBytes;
        long writeBytes;
        long readOps;
        long writeOps;
    }

    private final Map<String, Baseline> baselines = new HashMap<>();

    /** The rate since the last reading of {@code key}, or null for a first (or fresh) reading. */
    public IoRate update(String key, String identity, IoCounters c, long nanos) {
        return update(key, identity, c, nanos, 1);
    }

    /**
     * Like {@link #update(String, String, IoCounters, long)} for counters that count bytes in units
     * of {@code unitBytes} ({@code /proc/diskstats} counts 512-byte sectors): wraps are detected on
     * the raw counter, as the kernel keeps it.
     */
    public IoRate update(String key, String identity, IoCounters c, long nanos, long unitBytes) {
        Baseline b = baselines.get(key);
        if (b == null) {
            b = new Baseline();
            baselines.put(key, b);
            set(b, identity, c, nanos);
            return null;
        }
        if (!b.identity.equals(identity)) {
            set(b, identity, c, nanos);
            return null;
        }
        if (nanos <= b.nanos) {
            return null;
        }
        double seconds = (nanos - b.nanos) / 1e9;
        IoRate rate = new IoRate(
                (double) delta(b.readBytes, c.readBytes()) * unitBytes / seconds,
                (double) delta(b.writeBytes, c.writeBytes()) * unitBytes / seconds,
                delta(b.readOps, c.readOps()) / seconds,
                delta(b.writeOps, c.writeOps()) / seconds);
        set(b, identity, c, nanos);
        return rate;
    }

    /** Forgets devices that are gone, so that a device coming back starts with a fresh baseline. */
    public void retainOnly(Set<String> keys) {
        baselines.keySet().retainAll(keys);
    }

    public int size() {
        return baselines.size();
    }

    /** How much a counter grew from {@code before} to {@code now}, never negative. */
    static long delta(long before, long now) {
        if (now >= before) {
            return now - before;
        }
        // A 32-bit counter that wrapped lands just above zero after being just below 2^32.
        if (before < WRAP_32) {
            long unwrapped = now + WRAP_32 - before;
            if (unwrapped < WRAP_32 / 4) {
                return unwrapped;
            }
        }
        // A reset: the counter restarted from zero within the interval, so it shows what was done since.
        return now;
    }

    private static void set(Baseline b, String identity, IoCounters c, long nanos) {
        b.identity = identity;
        b.nanos = nanos;
        b.readBytes = c.readBytes();
        b.writeBytes = c.writeBytes();
        b.readOps = c.readOps();
        b.writeOps = c.writeOps();
    }
}
