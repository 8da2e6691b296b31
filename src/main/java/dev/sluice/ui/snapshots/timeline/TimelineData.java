package dev.sluice.ui.snapshots.timeline;

import java.util.Arrays;
import java.util.List;

/**
 * What a {@link SnapshotTimeline} shows: one lane per dataset (a VM's disks side by side), the overall
 * time span, and a key → position index so that a selection made in the list finds its mark at once.
 */
public final class TimelineData {

    /** Where a snapshot sits: lane number and index in that lane. */
    public record Position(int lane, int index) {
    }

    public static final TimelineData EMPTY = new TimelineData(List.of());

    private final List<TimelineLane> lanes;
    /**
     * Key → position, as an open-addressing table of ordinals (the n-th snapshot counting lane by lane;
     * -1: empty) probed by the key's hash: no entry or position object per snapshot, 8 bytes each.
     */
    private final int[] slots;
    /** Ordinal of each lane's first snapshot. */
    private final int[] laneStart;
    /**
     * Each ordinal's key: 4 bytes a snapshot, so that a probe compares keys without finding the lane first (a
     * refresh of a million snapshots asks a million times whether a name is here).
     */
    private final String[] keys;
    private final long first;
    private final long last;
    private final int total;

    public TimelineData(List<TimelineLane> lanes) {
        this.lanes = List.copyOf(lanes);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        int n = 0;
        for (TimelineLane lane : this.lanes) {
            n += lane.size();
            if (!lane.isEmpty()) {
                lo = Math.min(lo, lane.time(0));
                hi = Math.max(hi, lane.time(lane.size() - 1));
            }
        }
        this.total = n;
        this.first = n == 0 ? 0 : lo;
        this.last = n == 0 ? 0 : hi;
        this.laneStart = new int[this.lanes.size()];
        this.slots = new int[Integer.highestOneBit(Math.max(8, n) * 2 - 1) * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int l = 1; l < laneStart.length; l++) {
            laneStart[l] = laneStart[l - 1] + this.lanes.get(l - 1).size();
        }
        this.keys = new String[n];
        int ordinal = 0;
        for (TimelineLane lane : this.lanes) {
            for (int i = 0; i < lane.size(); i++, ordinal++) {
                String key = lane.key(i);
                keys[ordinal] = key; // probes below only reach ordinals already filled
                int slot = spread(key.hashCode()) & mask;
                while (slots[slot] != -1 && !keys[slots[slot]].equals(key)) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = ordinal; // the same key twice: the last one wins
            }
        }
    }

    /** The lane holding this ordinal (lanes may be empty: the last lane starting at or before it). */
    private int laneOf(int ordinal) {
        int lo = 0;
        int hi = laneStart.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (laneStart[mid] <= ordinal) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    public List<TimelineLane> lanes() {
        return lanes;
    }

    public int total() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** Creation time of the oldest snapshot (0 when empty). */
    public long first() {
        return first;
    }

    /** Creation time of the newest snapshot (0 when empty). */
    public long last() {
        return last;
    }

    public Position find(String key) {
        int ordinal = ordinalOf(key);
        if (ordinal < 0) {
            return null;
        }
        int l = laneOf(ordinal);
        return new Position(l, ordinal - laneStart[l]);
    }

    /** Whether some lane holds {@code key}: {@link #find} without making a position. */
    public boolean contains(String key) {
        return ordinalOf(key) >= 0;
    }

    private int ordinalOf(String key) {
        if (key == null) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int slot = spread(key.hashCode()) & mask; slots[slot] != -1; slot = (slot + 1) & mask) {
            if (keys[slots[slot]].equals(key)) {
                return slots[slot];
            }
        }
        return -1;
    }
}
