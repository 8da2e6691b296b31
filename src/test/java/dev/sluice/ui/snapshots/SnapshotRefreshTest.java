package dev.sluice.ui.snapshots;

import static dev.sluice.ui.snapshots.SnapshotHost.DS;
import static dev.sluice.ui.snapshots.SnapshotHost.FIRST;
import static dev.sluice.ui.snapshots.SnapshotHost.SECOND;
import static dev.sluice.ui.snapshots.SnapshotHost.THIRD;
import static dev.sluice.ui.snapshots.SnapshotHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refresh applies only what changed to the list (issue #18: a million snapshots must not be replaced
 * for one new one), keeps the selection, and the whole host reads with one {@code zfs list}.
 */
class SnapshotRefreshTest {

    static final String NEW_LINE = DS + "@fifth\t1\t40\t1795262400\t0\t8495104\t0\t-\t0\n";
    ScriptedRunner host;
    SnapshotTimelineViewModel vm;
    final AtomicReference<String> listing = new AtomicReference<>();
    final List<String> changes = new ArrayList<>();

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
        vm.snapshots().addListener((ListChangeListener<Snapshot>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "removed ")
                        + (c.wasAdded() ? c.getAddedSubList() : c.getRemoved()).stream().map(Snapshot::shortName).toList());
            }
        });
    }

    @Test
    void aNewSnapshotIsAddedAloneAndTheRestStayTheSameObjects() {
        vm.selectedNameProperty().set(SECOND);
        List<Snapshot> before = List.copyOf(vm.snapshots());
        listing.set(fixture("list-snapshots") + NEW_LINE);

        vm.refresh();

        assertEquals(List.of("added [fifth]"), changes);
        assertEquals(List.of("first", "second", "third", "fourth", "fifth"), vm.snapshots().stream().map(Snapshot::shortName).toList());
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), vm.snapshots().get(i), "unchanged rows are not replaced");
        }
        assertEquals(SECOND, vm.selectedNameProperty().get());
        assertEquals(SECOND, vm.selectedProperty().get().name());
        assertEquals(5, vm.timelineProperty().get().total());
    }

    @Test
    void theTableRowsChangeOnlyWhileRowsChangingIsTrue() {
        List<String> seen = new ArrayList<>();
        vm.rowsChangingProperty().addListener((o, a, changing) -> seen.add("changing " + changing));
        vm.rows().addListener((ListChangeListener<Snapshot>) c -> seen.add("rows changed while changing="
                + vm.rowsChangingProperty().get()));
        listing.set(fixture("list-snapshots") + NEW_LINE);

        vm.refresh();

        // a table lets its selection go on true and takes it back on false, so it never shifts selected indices
        assertEquals(List.of("changing true", "rows changed while changing=true", "changing false"), seen);
        assertEquals("fifth", vm.rows().getFirst().shortName(), "newest first");
    }

    @Test
    void aDestroyedSnapshotGoesAndAChangedOneIsReplacedInPlace() {
        vm.selectedNameProperty().set(THIRD);
        // @second destroyed elsewhere; @third's used grew as it now owns @second's blocks
        listing.set(fixture("list-snapshots").lines()
                .filter(l -> !l.startsWith(SECOND + "\t"))
                .map(l -> l.startsWith(THIRD + "\t") ? l.replace("\t32\t1795258556\t0\t", "\t32\t1795258556\t2203648\t") : l)
                .reduce("", (a, b) -> a + b + "\n"));

        vm.refresh();

        assertEquals(List.of("replaced [third]", "removed [second]"), changes);
        assertEquals(List.of("first", "third", "fourth"), vm.snapshots().stream().map(Snapshot::shortName).toList());
        assertEquals(THIRD, vm.selectedNameProperty().get());
        assertEquals(2203648, vm.selectedProperty().get().used(), "the details show the new values");
    }

    @Test
    void nothingChangedMeansNoListEvent() {
        vm.refresh();
        assertTrue(changes.isEmpty(), changes.toString());
    }

    @Test
    void theSelectedSnapshotDestroyedElsewhereClearsTheSelection() {
        vm.selectedNameProperty().set(FIRST);
        listing.set(fixture("list-snapshots").lines().filter(l -> !l.startsWith(FIRST + "\t")).reduce("", (a, b) -> a + b + "\n"));
        vm.refresh();
        assertEquals(List.of("removed [first]"), changes);
        assertEquals(null, vm.selectedNameProperty().get());
    }

    @Test
    void theWholeHostIsOneListingWithALanePerDatasetAndNoSnapshotNow() throws Exception {
        int before = host.ran().size();
        vm.showHost();
        List<List<String>> listings = host.ranArgv().subList(before, host.ranArgv().size());
        assertEquals(List.of(ZfsCommands.snapshots(null).argv()), listings.stream().filter(a -> a.contains("snapshot")).toList());
        assertTrue(vm.wholeHostProperty().get());
        assertEquals(null, vm.chosenProperty().get(), "the chooser names no single dataset");
        assertEquals(List.of(DS), vm.shownProperty().get(), "one lane per dataset that has snapshots");
        assertEquals(4, vm.snapshots().size());
        assertFalse(vm.canSnapshotProperty().get(), "snapshot now would snapshot every dataset");
        vm.show(List.of(DS));
        assertFalse(vm.wholeHostProperty().get());
        assertTrue(vm.canSnapshotProperty().get());
    }
}
