package dev.sluice.ui.snapshots.timeline;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * One row of the timeline: the snapshots of one dataset or zvol, as parallel arrays sorted once by
 * creation time. Everything the drawing code asks ("how many snapshots between these two instants",
 * "which one is nearest to this instant") is a binary search, so a frame costs O(visible pixels · log n)
 * whatever the number of snapshots.
 */
public final class TimelineLane {

    /** One snapshot as the timeline sees it: a key (the full snapshot name) and its creation time. */
    public record Mark(String key, long epochSeconds) {
        public Mark {
            Objects.requireNonNull(key, "key");
        }
    }

    private final String name;
    private final long[] times;
    private final String[] keys;

    private TimelineLane(String name, long[] times, String[] keys) {
        this.name = name;
        this.times = times;
        this.keys = keys;
    }

    /** Sorts by creation time (stable, so equal times keep their given order, e.g. createtxg order). */
    public static TimelineLane of(String name, Collection<Mark> marks) {
        Mark[] sorted = marks.toArray(Mark[]::new);
        Arrays.sort(sorted, (a, b) -> Long.compare(a.epochSeconds(), b.epochSeconds()));
        long[] t = new long[sorted.length];
        String[] k = new String[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            t[i] = sorted[i].epochSeconds();
            k[i] = sorted[i].key();
        }
        return new TimelineLane(name, t, k);
    }

    /** For callers that already hold sorted arrays (benchmarks, big generated data); the arrays are kept, not copied. */
    public static TimelineLane ofSorted(String name, long[] sortedTimes, String[] keys) {
        if (sortedTimes.length != keys.length) {
            throw new IllegalArgumentException("times and keys differ in length");
        }
        for (int i = 1; i < sortedTimes.length; i++) {
            if (sortedTimes[i] < sortedTimes[i - 1]) {
                throw new IllegalArgumentException("times are not sorted at index " + i);
            }
        }
        return new TimelineLane(name, sortedTimes, keys);
    }

    public String name() {
        return name;
    }

    public int size() {
        return times.length;
    }

    public boolean isEmpty() {
        return times.length == 0;
    }

    public long time(int i) {
        return times[i];
    }

    public String key(int i) {
        return keys[i];
    }

    /** The index of the first snapshot created at or after {@code t} (size() if none). */
    public int firstAtOrAfter(double t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many snapshots were created in {@code [from, to)}. */
    public int countBetween(double from, double to) {
        return Math.max(0, firstAtOrAfter(to) - firstAtOrAfter(from));
    }

    /** The snapshot nearest in time to {@code t}, or -1 for an empty lane. */
    public int nearest(double t) {
        if (times.length == 0) {
            return -1;
        }
        int i = firstAtOrAfter(t);
        if (i == 0) {
            return 0;
        }
        if (i == times.length) {
            return times.length - 1;
        }
        return (t - times[i - 1]) <= (times[i] - t) ? i - 1 : i;
    }

    public int indexOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
