package dev.sluice.ui.snapshots.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups a lane's visible snapshots into pixel buckets: a bucket with one snapshot is drawn as that
 * snapshot, a bucket with more as one mark with a count badge. Buckets sit on a grid fixed in time (not
 * in the viewport), so clusters do not flicker while the user scrolls. Empty stretches are skipped by
 * jumping straight to the next snapshot, so the work is O(min(buckets, visible snapshots) · log n).
 */
public final class Clusters {

    /** {@code count} snapshots starting at lane index {@code first}, all within one bucket. */
    public record Group(int first, int count) {
        public int last() {
            return first + count - 1;
        }

        public boolean isCluster() {
            return count > 1;
        }
    }

    private Clusters() {
    }

    public static List<Group> of(TimelineLane lane, double viewFrom, double viewTo, double bucketSeconds) {
        List<Group> out = new ArrayList<>();
        if (lane.isEmpty() || bucketSeconds <= 0 || viewTo <= viewFrom) {
            return out;
        }
        long bucket = (long) Math.floor(viewFrom / bucketSeconds);
        long lastBucket = (long) Math.floor(viewTo / bucketSeconds);
        int i = lane.firstAtOrAfter(bucket * bucketSeconds);
        while (bucket <= lastBucket && i < lane.size()) {
            long own = (long) Math.floor(lane.time(i) / bucketSeconds);
            if (own > bucket) {
                bucket = own; // jump over empty buckets
                continue;
            }
            int end = lane.firstAtOrAfter((bucket + 1) * bucketSeconds);
            if (end > i) {
                out.add(new Group(i, end - i));
            }
            i = end;
            bucket++;
        }
        return out;
    }
}
