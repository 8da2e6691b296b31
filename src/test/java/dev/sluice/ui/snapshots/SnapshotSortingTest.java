package dev.sluice.ui.snapshots;

import static dev.sluice.ui.snapshots.SnapshotHost.DS;
import static dev.sluice.ui.snapshots.SnapshotHost.FIRST;
import static dev.sluice.ui.snapshots.SnapshotHost.FOURTH;
import static dev.sluice.ui.snapshots.SnapshotHost.SECOND;
import static dev.sluice.ui.snapshots.SnapshotHost.THIRD;
import static dev.sluice.ui.snapshots.SnapshotHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.snapshots.SnapshotSort.Column;
import dev.sluice.ui.snapshots.SnapshotSort.Key;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The list's order lives in the ViewModel (issue #18): rows arrive sorted from the background, a header
 * click re-sorts there and replaces the rows in one change, the selection survives both, and a refresh
 * patches the sorted rows as it patches the listing.
 */
class SnapshotSortingTest {

    ScriptedRunner host;
    SnapshotTimelineViewModel vm;
    final AtomicReference<String> listing = new AtomicReference<>();
    final List<String> rowChanges = new ArrayList<>();

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
        dev.sluice.ui.common.I18n.setLocale(Locale.ENGLISH);
    }

    @BeforeEach
    void setUp() throws Exception {
        host = SnapshotHost.scenario();
        listing.set(fixture("list-snapshots"));
        host.on(SnapshotHost.argv(ZfsCommands.snapshots(DS))).answer(c -> new ScriptedRunner.Answer(0, listing.get(), "", List.of(), null));
        vm = new SnapshotTimelineViewModel(new ZfsService(host), TaskExecutor.direct(), new ScriptedDialogs(), new RecordingNotifier(),
                ZvolUsage.NONE, SnapshotTimelineViewModelTest.CLOCK);
        vm.show(List.of(DS));
        vm.rows().addListener((ListChangeListener<Snapshot>) c -> {
            while (c.next()) {
                rowChanges.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "removed ")
                        + (c.wasAdded() ? c.getAddedSubList() : c.getRemoved()).size() + " at " + c.getFrom());
            }
        });
    }

    static List<String> shortNames(List<Snapshot> l) {
        return l.stream().map(Snapshot::shortName).toList();
    }

    @Test
    void rowsComeNewestFirstWhileTheListingStaysOldestFirst() {
        assertEquals(SnapshotSort.NEWEST_FIRST, vm.sort());
        assertEquals(List.of("fourth", "third", "second", "first"), shortNames(vm.rows()));
        assertEquals(List.of("first", "second", "third", "fourth"), shortNames(vm.snapshots()));
        assertEquals(0, vm.rowOf(FOURTH));
        assertEquals(3, vm.rowOf(FIRST));
        assertEquals(-1, vm.rowOf(DS + "@nope"));
    }

    @Test
    void aHeaderClickSortsInOneChangeAndKeepsTheSelection() {
        vm.selectedNameProperty().set(SECOND);

        // by used, largest first; third and fourth both used 0: their full names break the tie
        vm.sortBy(new SnapshotSort(List.of(new Key(Column.USED, true))));

        assertEquals(List.of("first", "second", "fourth", "third"), shortNames(vm.rows()));
        assertEquals(List.of("replaced 4 at 0"), rowChanges);
        assertEquals(SECOND, vm.selectedNameProperty().get());
        assertEquals(1, vm.rowOf(SECOND));
        assertEquals(List.of("first", "second", "third", "fourth"), shortNames(vm.snapshots()), "the listing is not reordered");
    }

    @Test
    void theSameOrderAgainDoesNothing() {
        vm.sortBy(new SnapshotSort(List.of(new Key(Column.CREATION, true))));
        assertTrue(rowChanges.isEmpty(), rowChanges.toString());
    }

    @Test
    void everyColumnSorts() {
        assertEquals(List.of("first", "fourth", "second", "third"), sorted(Column.NAME, false));
        assertEquals(List.of("fourth", "third", "second", "first"), sorted(Column.WRITTEN, false));
        assertEquals(List.of("second", "first", "fourth", "third"), sorted(Column.HOLDS, true));
        assertEquals(List.of("first", "fourth", "second", "third"), sorted(Column.REFERENCED, false), "all equal: by name");
        assertEquals(List.of("first", "second", "third", "fourth"), sorted(Column.CREATION, false));
        assertEquals(List.of("first", "fourth", "second", "third"), sorted(Column.DATASET, false));
        vm.sortBy(SnapshotSort.NONE);
        assertEquals(List.of("first", "second", "third", "fourth"), shortNames(vm.rows()), "no column: oldest first");
    }

    private List<String> sorted(Column c, boolean descending) {
        vm.sortBy(new SnapshotSort(List.of(new Key(c, descending))));
        for (Snapshot s : vm.rows()) {
            assertEquals(vm.rows().indexOf(s), vm.rowOf(s.name()));
        }
        return shortNames(vm.rows());
    }

    @Test
    void aRefreshPatchesTheSortedRowsAndASnapshotThatMovesIsRemovedAndAddedNotAllReplaced() {
        vm.sortBy(new SnapshotSort(List.of(new Key(Column.USED, true))));
        vm.selectedNameProperty().set(SECOND);
        rowChanges.clear();
        List<Snapshot> before = List.copyOf(vm.rows());
        // @third now owns more blocks than anything: it moves to the top
        listing.set(fixture("list-snapshots").lines()
                .map(l -> l.startsWith(THIRD + "\t") ? l.replace("\t32\t1795258556\t0\t", "\t32\t1795258556\t9999999\t") : l)
                .reduce("", (a, b) -> a + b + "\n"));

        vm.refresh();

        assertEquals(List.of("third", "first", "second", "fourth"), shortNames(vm.rows()));
        assertEquals(List.of("added 1 at 0", "removed 1 at 3"), rowChanges.stream().sorted().toList());
        assertSame(before.get(0), vm.rows().get(1), "unchanged rows stay the same objects");
        assertEquals(9999999, vm.rows().get(0).used());
        assertEquals(SECOND, vm.selectedNameProperty().get());
        assertEquals(2, vm.rowOf(SECOND));
    }

    @Test
    void aNewSnapshotIsOneAddedRowAtTheTopOfTheNewestFirstList() {
        vm.selectedNameProperty().set(THIRD);
        listing.set(fixture("list-snapshots") + SnapshotRefreshTest.NEW_LINE);

        vm.refresh();

        assertEquals(List.of("added 1 at 0"), rowChanges);
        assertEquals(List.of("fifth", "fourth", "third", "second", "first"), shortNames(vm.rows()));
        assertEquals(THIRD, vm.selectedNameProperty().get());
        assertEquals(2, vm.rowOf(THIRD));
    }

    @Test
    void shortNamesCompareWithoutTheirDatasets() {
        Snapshot a = snap("z/long/dataset@alpha");
        Snapshot b = snap("a@beta");
        Snapshot c = snap("m@alphabet");
        assertTrue(SnapshotSort.compareShortNames(a, b) < 0);
        assertTrue(SnapshotSort.compareShortNames(a, c) < 0, "a prefix sorts first");
        assertEquals(0, SnapshotSort.compareShortNames(a, snap("q@alpha")));
        List<Snapshot> byName = new SnapshotSort(List.of(new Key(Column.NAME, false))).sort(List.of(b, c, a, snap("q@alpha")));
        assertEquals(List.of("q@alpha", "z/long/dataset@alpha", "m@alphabet", "a@beta"), byName.stream().map(Snapshot::name).toList(),
                "equal short names: by full name");
    }

    private static Snapshot snap(String name) {
        int at = name.indexOf('@');
        return new Snapshot(name, name.substring(0, at), name.substring(at + 1), "1", 1, Instant.ofEpochSecond(1), 0, 0, 0,
                List.of(), 0);
    }
}
