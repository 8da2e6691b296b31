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
     * Key → position, as an open-addressing table of {@code lane << 32 | index} (-1: empty) probed by the
     * key's hash: no entry or boxed position object per snapshot, 16 bytes per snapshot for a million of them.
     */
    private final long[] slots;
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
        this.slots = new long[Integer.highestOneBit(Math.max(8, n) * 2 - 1) * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int l = 0; l < this.lanes.size(); l++) {
            TimelineLane lane = this.lanes.get(l);
            for (int i = 0; i < lane.size(); i++) {
                String key = lane.key(i);
                int slot = spread(key.hashCode()) & mask;
                while (slots[slot] != -1 && !keyAt(slots[slot]).equals(key)) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = ((long) l << 32) | i; // the same key twice: the last one wins
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private String keyAt(long packed) {
        return lanes.get((int) (packed >>> 32)).key((int) packed);
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
        if (key == null) {
            return null;
        }
        int mask = slots.length - 1;
        for (int slot = spread(key.hashCode()) & mask; slots[slot] != -1; slot = (slot + 1) & mask) {
            if (keyAt(slots[slot]).equals(key)) {
                return new Position((int) (slots[slot] >>> 32), (int) slots[slot]);
            }
        }
        return null;
    }
}
