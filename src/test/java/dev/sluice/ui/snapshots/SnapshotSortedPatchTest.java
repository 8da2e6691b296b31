package dev.sluice.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsListParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A refresh after a few changes makes the table's sorted rows by merging the changes into the rows shown instead
 * of sorting the whole listing again (issue #18: a million rows): the result must be exactly the full sort's.
 */
class SnapshotSortedPatchTest {

    private static String line(String name, long txg, long creation, long used) {
        return String.join("\t", name, Long.toString(1000 + txg), Long.toString(txg), Long.toString(creation),
                Long.toString(used), "4096", "0", "-", "0");
    }

    @Test
    void mergingTheChangesGivesWhatSortingEverythingGives() {
        Random r = new Random(18);
        List<SnapshotSort> orders = List.of(SnapshotSort.NEWEST_FIRST, SnapshotSort.NONE,
                new SnapshotSort(List.of(new SnapshotSort.Key(SnapshotSort.Column.USED, false))),
                new SnapshotSort(List.of(new SnapshotSort.Key(SnapshotSort.Column.NAME, true))),
                new SnapshotSort(List.of(new SnapshotSort.Key(SnapshotSort.Column.DATASET, false),
                        new SnapshotSort.Key(SnapshotSort.Column.CREATION, true))));
        for (int round = 0; round < 200; round++) {
            List<String> lines = new ArrayList<>();
            int n = 1 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                // same creation second for many (a recursive snapshot), same used for many
                lines.add(line("tank/vm" + r.nextInt(3) + "@s" + i, i, 1_700_000_000L + i / 4, r.nextInt(5) * 4096L));
            }
            List<Snapshot> before = ZfsListParser.snapshots(String.join("\n", lines) + "\n");
            List<String> next = new ArrayList<>(lines);
            // destroy some, grow the used of some, add new ones at the end (zfs's createtxg order)
            for (int i = next.size() - 1; i >= 0; i--) {
                int what = r.nextInt(10);
                if (what == 0) {
                    next.remove(i);
                } else if (what == 1) {
                    String[] f = next.get(i).split("\t");
                    next.set(i, line(f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]) + 8192));
                }
            }
            for (int i = 0; i < r.nextInt(4); i++) {
                next.add(line("tank/vm" + r.nextInt(3) + "@new" + i, n + i, 1_700_000_000L + (n + i) / 4, r.nextInt(5) * 4096L));
            }
            List<Snapshot> after = ZfsListParser.snapshots(String.join("\n", next) + (next.isEmpty() ? "" : "\n"));
            java.util.Set<String> inBefore = new java.util.HashSet<>();
            before.forEach(s -> inBefore.add(s.name()));
            java.util.Set<String> inAfter = new java.util.HashSet<>();
            after.forEach(s -> inAfter.add(s.name()));
            SnapshotListDiff diff = SnapshotListDiff.between(before, inBefore::contains, after, inAfter::contains);
            assertTrue(diff.small());
            for (SnapshotSort order : orders) {
                List<Snapshot> rowsBefore = order.sort(before);
                List<Snapshot> patched = diff.sortedAfter(before, rowsBefore, order.comparator());
                assertEquals(order.sort(after), patched, "round " + round + ", " + order);
                // and the table's patch of the rows gives the same list
                List<Snapshot> table = new ArrayList<>(rowsBefore);
                diff.inOtherOrder(before, rowsBefore, patched).applyTo(table);
                assertEquals(patched, table, "round " + round + ", " + order);
            }
        }
    }
}
