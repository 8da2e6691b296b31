package dev.sluice.ui.snapshots;

import dev.sluice.ui.snapshots.timeline.TimelineData;
import dev.sluice.zfs.Snapshot;
import java.util.List;

/**
 * Finds a shown snapshot by its full name through the timeline's own key index: each lane's snapshots are
 * kept in the lane's order, so a name's timeline position is also its place here. One index for both, not
 * a second map of a million entries.
 */
final class SnapshotIndex {
    static final SnapshotIndex EMPTY = new SnapshotIndex(TimelineData.EMPTY, List.of());

    private final TimelineData timeline;
    private final List<List<Snapshot>> lanes;

    /** {@code lanes.get(l).get(i)} is the snapshot whose mark is lane {@code l}, index {@code i} of {@code timeline}. */
    SnapshotIndex(TimelineData timeline, List<List<Snapshot>> lanes) {
        this.timeline = timeline;
        this.lanes = List.copyOf(lanes);
    }

    TimelineData timeline() {
        return timeline;
    }

    Snapshot get(String name) {
        TimelineData.Position p = timeline.find(name);
        return p == null ? null : lanes.get(p.lane()).get(p.index());
    }

    boolean contains(String name) {
        return timeline.contains(name);
    }
}
