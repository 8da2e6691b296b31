package dev.sluice.zfs;

import dev.sluice.host.Command;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Exactly what {@code zfs rollback} to {@code snapshot} would destroy, computed before it runs:
 * snapshots and bookmarks of the same dataset created after it (higher createtxg; {@code -r}
 * destroys them) and, for {@code -R}, the clones of those snapshots with everything that depends
 * on the clones in turn. {@link #blockedReason()} says why the chosen mode would fail (null when it
 * would work); {@link #command()} is the rollback that would run.
 */
public record RollbackPlan(String snapshot, RollbackMode mode, List<Snapshot> newerSnapshots,
                           List<Bookmark> newerBookmarks, List<String> clones, String blockedReason, Command command) {

    public RollbackPlan {
        newerSnapshots = List.copyOf(newerSnapshots);
        newerBookmarks = List.copyOf(newerBookmarks);
        clones = List.copyOf(clones);
    }

    public boolean allowed() {
        return blockedReason == null;
    }

    /** Everything that goes, as names: newer snapshots, newer bookmarks, then clones. */
    public List<String> destroyedNames() {
        List<String> all = new ArrayList<>();
        newerSnapshots.forEach(s -> all.add(s.name()));
        newerBookmarks.forEach(b -> all.add(b.name()));
        all.addAll(clones);
        return List.copyOf(all);
    }

    /**
     * @param snapshot the snapshot to roll back to
     * @param ofDataset that dataset's snapshots (any order)
     * @param bookmarks that dataset's bookmarks
     * @param allSnapshots every snapshot on the host (to follow clones of clones); may be {@code ofDataset}
     * @param allDatasets every filesystem and volume (to include a clone's children); may be empty
     */
    public static RollbackPlan compute(String snapshot, RollbackMode mode, List<Snapshot> ofDataset, List<Bookmark> bookmarks,
                                       List<Snapshot> allSnapshots, List<Dataset> allDatasets) throws ZfsException {
        Snapshot target = ofDataset.stream().filter(s -> s.name().equals(snapshot)).findFirst()
                .orElseThrow(() -> new ZfsCommandException(ZfsException.Kind.DOES_NOT_EXIST, "Snapshot '" + snapshot
                        + "' does not exist (any more). Refresh the view.", null, 0, "", List.of(), null, null));
        List<Snapshot> newer = ofDataset.stream().filter(s -> s.dataset().equals(target.dataset())
                        && s.createtxg() > target.createtxg())
                .sorted(Comparator.comparingLong(Snapshot::createtxg)).toList();
        List<Bookmark> newerMarks = bookmarks.stream().filter(b -> b.dataset().equals(target.dataset())
                        && b.createtxg() > target.createtxg())
                .sorted(Comparator.comparingLong(Bookmark::createtxg)).toList();
        Set<String> clones = new LinkedHashSet<>();
        for (Snapshot s : newer) {
            for (String c : s.clones()) {
                addWithDependents(c, clones, allSnapshots, allDatasets);
            }
        }
        String blocked = null;
        if (mode == RollbackMode.LATEST_ONLY && (!newer.isEmpty() || !newerMarks.isEmpty())) {
            blocked = (newer.size() + newerMarks.size()) + " newer snapshot(s)/bookmark(s) exist. Choose \"destroy newer "
                    + "snapshots\" (-r) to roll back anyway, or clone the snapshot to keep them.";
        } else if (mode == RollbackMode.DESTROY_NEWER && !clones.isEmpty()) {
            blocked = "Newer snapshots have clones (" + String.join(", ", clones) + "). Choose \"also destroy clones\" (-R), "
                    + "or promote the clones first.";
        }
        return new RollbackPlan(snapshot, mode, newer, newerMarks, new ArrayList<>(clones), blocked,
                ZfsCommands.rollback(snapshot, mode));
    }

    static void addWithDependents(String clone, Set<String> out, List<Snapshot> allSnapshots, List<Dataset> allDatasets) {
        if (!out.add(clone)) {
            return;
        }
        for (Dataset d : allDatasets) {
            if (d.name().startsWith(clone + "/")) {
                out.add(d.name());
            }
        }
        for (Snapshot s : allSnapshots) {
            if (s.dataset().equals(clone) || s.dataset().startsWith(clone + "/")) {
                for (String c : s.clones()) {
                    addWithDependents(c, out, allSnapshots, allDatasets);
                }
            }
        }
    }
}
