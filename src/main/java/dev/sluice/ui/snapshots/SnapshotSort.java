package dev.sluice.ui.snapshots;

import dev.sluice.zfs.Snapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The snapshot list's sort order, as the ViewModel keeps it: columns in priority order, each ascending or
 * descending. The list is sorted in the background with {@link #comparator} and handed to the table already
 * sorted (issue #18: a million-row {@code SortedList} sorted on the FX thread stalled it for seconds).
 * Every order ends with the full name, which is unique, so it is total: the same listing always sorts the
 * same way (a refresh can then be diffed row by row) and a row can be found by binary search.
 */
public record SnapshotSort(List<Key> keys) {

    /** A column of the list. */
    public enum Column { NAME, DATASET, CREATION, USED, REFERENCED, WRITTEN, HOLDS }

    public record Key(Column column, boolean descending) {
    }

    /** Newest first, as admins look for the latest good state. */
    public static final SnapshotSort NEWEST_FIRST = new SnapshotSort(List.of(new Key(Column.CREATION, true)));

    /** No column chosen: oldest first (the order zfs lists one dataset in). */
    public static final SnapshotSort NONE = new SnapshotSort(List.of());

    private static final Comparator<Snapshot> BY_NAME = Comparator.comparing(Snapshot::name);
    /** Creation time, then createtxg (a recursive snapshot gives many datasets the same time and txg), then name. */
    static final Comparator<Snapshot> OLDEST_FIRST = Comparator.comparingLong(Snapshot::creationSeconds)
            .thenComparingLong(Snapshot::createtxg).thenComparing(BY_NAME);

    public SnapshotSort {
        keys = List.copyOf(keys);
    }

    /** The order as one total comparator. */
    public Comparator<Snapshot> comparator() {
        Comparator<Snapshot> all = null;
        for (Key k : keys) {
            Comparator<Snapshot> one = of(k.column());
            if (k.descending()) {
                one = one.reversed();
            }
            all = all == null ? one : all.thenComparing(one);
        }
        return all == null ? OLDEST_FIRST : all.thenComparing(BY_NAME);
    }

    private static Comparator<Snapshot> of(Column c) {
        return switch (c) {
            case NAME -> SnapshotSort::compareShortNames;
            case DATASET -> Comparator.comparing(Snapshot::dataset);
            case CREATION -> OLDEST_FIRST;
            case USED -> Comparator.comparingLong(Snapshot::used);
            case REFERENCED -> Comparator.comparingLong(Snapshot::referenced);
            case WRITTEN -> Comparator.comparingLong(Snapshot::written);
            case HOLDS -> Comparator.comparingLong(Snapshot::userRefs);
        };
    }

    /** What follows the '@', compared in place: {@link Snapshot#shortName} would make two strings per comparison. */
    static int compareShortNames(Snapshot a, Snapshot b) {
        String x = a.name();
        String y = b.name();
        int i = a.dataset().length() + 1;
        int j = b.dataset().length() + 1;
        while (i < x.length() && j < y.length()) {
            char c = x.charAt(i++);
            char d = y.charAt(j++);
            if (c != d) {
                return c - d;
            }
        }
        return (x.length() - i) - (y.length() - j);
    }

    /**
     * {@code listing} in this order, as a new list. TimSort finds runs, so a listing that is already in
     * order, or in reverse (the oldest-first listing shown newest first), costs one pass.
     */
    List<Snapshot> sort(List<Snapshot> listing) {
        Snapshot[] a = listing.toArray(Snapshot[]::new);
        Arrays.sort(a, comparator());
        return java.util.Collections.unmodifiableList(Arrays.asList(a));
    }

    /** The row of {@code s} in a list sorted by this order, or -1 when it is not there. */
    static int rowOf(List<Snapshot> sorted, Snapshot s, Comparator<Snapshot> order) {
        int i = java.util.Collections.binarySearch(sorted, s, order);
        return i >= 0 && sorted.get(i).name().equals(s.name()) ? i : -1;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Key k : keys) {
            parts.add(k.column() + (k.descending() ? " desc" : ""));
        }
        return "SnapshotSort" + parts;
    }
}
