package dev.sluice.ui.snapshots;

import dev.sluice.zfs.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What changed between two listings of the same datasets, keyed by full snapshot name. A refresh after
 * one new snapshot then touches a few rows of the list instead of replacing a million (which re-sorts the
 * table on the FX thread and loses its scroll position). Computed in the background from both listings;
 * {@link #applyTo} runs on the FX thread and costs O(changes), plus one pass when many rows go at once.
 *
 * <p>Both listings come in the same order (zfs sorts by createtxg), so the snapshots present in both keep
 * their relative order; when they do not, {@link #reordered()} is true and the caller replaces the list.
 */
final class SnapshotListDiff {

    /** Above this many changes a full replace is as cheap and simpler to reason about. */
    static final int MAX_CHANGES = 1_000;

    /** An index in the old list and the snapshot that replaces the one there (same name, new values). */
    private record Update(int index, Snapshot snapshot) {
    }

    /** A run of new snapshots and the index in the new list where it starts. */
    private record Insert(int index, List<Snapshot> snapshots) {
    }

    private final List<Update> updates = new ArrayList<>();
    /** Old-list index ranges [from, to), ascending. */
    private final List<int[]> removals = new ArrayList<>();
    private final List<Insert> inserts = new ArrayList<>();
    private int changes;
    private boolean reordered;

    private SnapshotListDiff() {
    }

    /** The diff from {@code before} to {@code after}; {@code inBefore}/{@code inAfter} tell whether a full name is in each. */
    static SnapshotListDiff between(List<Snapshot> before, Predicate<String> inBefore,
                                    List<Snapshot> after, Predicate<String> inAfter) {
        SnapshotListDiff d = new SnapshotListDiff();
        int i = 0;
        int k = 0;
        while (i < before.size() || k < after.size()) {
            if (i < before.size() && !inAfter.test(before.get(i).name())) {
                int from = i;
                while (i < before.size() && !inAfter.test(before.get(i).name())) {
                    i++;
                }
                d.removals.add(new int[] {from, i});
                d.changes += i - from;
            } else if (k < after.size() && !inBefore.test(after.get(k).name())) {
                int from = k;
                while (k < after.size() && !inBefore.test(after.get(k).name())) {
                    k++;
                }
                d.inserts.add(new Insert(from, List.copyOf(after.subList(from, k))));
                d.changes += k - from;
            } else if (i >= before.size() || k >= after.size() || !before.get(i).name().equals(after.get(k).name())) {
                d.reordered = true;
                return d;
            } else {
                if (!before.get(i).equals(after.get(k))) {
                    d.updates.add(new Update(i, after.get(k)));
                    d.changes++;
                }
                i++;
                k++;
            }
        }
        return d;
    }

    /**
     * This diff (from {@code before} to its new listing) for the same two listings in another order:
     * {@code beforeRows} and {@code afterRows} hold the same snapshots as {@code before} and the new listing.
     * Only the few names this diff touches are looked up (no index of the whole listing). A changed snapshot
     * that moves in that order (its size grew, sorted by size) becomes a removal and an insertion.
     */
    SnapshotListDiff inOtherOrder(List<Snapshot> before, List<Snapshot> beforeRows, List<Snapshot> afterRows) {
        java.util.Set<String> gone = removedNames(before);
        java.util.Set<String> added = new java.util.HashSet<>();
        for (Insert in : inserts) {
            for (Snapshot s : in.snapshots()) {
                added.add(s.name());
            }
        }
        SnapshotListDiff inPlace = between(beforeRows, n -> !added.contains(n), afterRows, n -> !gone.contains(n));
        if (!inPlace.reordered() || updates.isEmpty()) {
            return inPlace;
        }
        java.util.Set<String> changed = new java.util.HashSet<>();
        for (Update u : updates) {
            changed.add(u.snapshot().name());
        }
        return between(beforeRows, n -> !added.contains(n) && !changed.contains(n),
                afterRows, n -> !gone.contains(n) && !changed.contains(n));
    }

    /**
     * The new listing in {@code order}, made from {@code beforeRows} (the old listing in that order) and this diff,
     * without sorting a million rows again: the rows that stay are kept in place, the new and changed snapshots are
     * sorted among themselves and merged in, in one pass. {@code order} must be total (every order ends with the
     * name), so the result is exactly what sorting the new listing gives. Only for a {@link #small} diff.
     */
    List<Snapshot> sortedAfter(List<Snapshot> before, List<Snapshot> beforeRows, java.util.Comparator<Snapshot> order) {
        java.util.Set<String> out = removedNames(before);
        List<Snapshot> in = new ArrayList<>();
        for (Update u : updates) {
            out.add(u.snapshot().name());
            in.add(u.snapshot());
        }
        for (Insert ins : inserts) {
            in.addAll(ins.snapshots());
        }
        in.sort(order);
        Snapshot[] merged = new Snapshot[beforeRows.size() - out.size() + in.size()];
        int m = 0;
        int k = 0;
        for (Snapshot s : beforeRows) {
            if (!out.isEmpty() && out.contains(s.name())) {
                continue;
            }
            while (k < in.size() && order.compare(in.get(k), s) < 0) {
                merged[m++] = in.get(k++);
            }
            merged[m++] = s;
        }
        while (k < in.size()) {
            merged[m++] = in.get(k++);
        }
        if (m != merged.length) {
            throw new IllegalStateException("the rows before do not hold the listing before: " + m + " != " + merged.length);
        }
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(merged));
    }

    /** The names of the snapshots of {@code before} that the removals take out. */
    private java.util.Set<String> removedNames(List<Snapshot> before) {
        java.util.Set<String> gone = new java.util.HashSet<>();
        for (int[] r : removals) {
            for (int i = r[0]; i < r[1]; i++) {
                gone.add(before.get(i).name());
            }
        }
        return gone;
    }

    /** The lists do not keep the same relative order: replace, do not patch. */
    boolean reordered() {
        return reordered;
    }

    /** Rows added, removed or changed. */
    int changes() {
        return changes;
    }

    boolean isEmpty() {
        return changes == 0 && !reordered;
    }

    /** Worth patching rather than replacing. */
    boolean small() {
        return !reordered && changes <= MAX_CHANGES;
    }

    /**
     * Turns {@code list}, which must hold the old listing, into the new one: updates in place, then removals
     * from the end (so earlier indexes stay valid), then inserts in ascending new-list order.
     */
    void applyTo(List<Snapshot> list) {
        for (Update u : updates) {
            list.set(u.index(), u.snapshot());
        }
        for (int r = removals.size() - 1; r >= 0; r--) {
            int[] range = removals.get(r);
            list.subList(range[0], range[1]).clear();
        }
        for (Insert in : inserts) {
            list.addAll(in.index(), in.snapshots());
        }
    }
}
