package dev.sluice.ui.snapshots.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private final Map<String, Position> positions;
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
        this.positions = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
        for (int l = 0; l < this.lanes.size(); l++) {
            TimelineLane lane = this.lanes.get(l);
            for (int i = 0; i < lane.size(); i++) {
                positions.put(lane.key(i), new Position(l, i));
            }
        }
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
        return key == null ? null : positions.get(key);
    }
}
