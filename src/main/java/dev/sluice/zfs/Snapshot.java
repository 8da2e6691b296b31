package dev.sluice.zfs;

import java.time.Instant;
import java.util.List;

/**
 * One snapshot, from {@code zfs list -Hp -t snapshot -o} {@link ZfsListParser#SNAPSHOT_COLUMNS}.
 * {@code createtxg} orders snapshots of one dataset exactly (creation times can tie);
 * {@code clones} are datasets whose origin this is; {@code userRefs} counts holds.
 */
public record Snapshot(String name, String dataset, String shortName, String guid, long createtxg, Instant creation,
                       long used, long referenced, long written, List<String> clones, long userRefs) {

    public Snapshot {
        clones = List.copyOf(clones);
    }

    public boolean held() {
        return userRefs > 0;
    }
}
