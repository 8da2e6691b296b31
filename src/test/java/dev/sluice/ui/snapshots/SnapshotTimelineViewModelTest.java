package dev.sluice.ui.snapshots;

import static dev.sluice.ui.snapshots.SnapshotHost.DS;
import static dev.sluice.ui.snapshots.SnapshotHost.FOURTH;
import static dev.sluice.ui.snapshots.SnapshotHost.GUARDS;
import static dev.sluice.ui.snapshots.SnapshotHost.SECOND;
import static dev.sluice.ui.snapshots.SnapshotHost.THIRD;
import static dev.sluice.ui.snapshots.SnapshotHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.zfs.ZfsService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loading, selection and the snapshot-now / clone / destroy / hold / release actions, on the real fixtures. */
class SnapshotTimelineViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T11:00:00Z"), ZoneOffset.UTC);
    ScriptedRunner host;
    ScriptedDialogs dialogs;
    RecordingNotifier notes;
    SnapshotTimelineViewModel vm;

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
        dev.sluice.ui.common.I18n.setLocale(Locale.ENGLISH);
    }

    @BeforeEach
    void setUp() throws Exception {
        host = SnapshotHost.scenario();
        dialogs = new ScriptedDialogs();
        notes = new RecordingNotifier();
        vm = new SnapshotTimelineViewModel(new ZfsService(host), TaskExecutor.direct(), dialogs, notes, ZvolUsage.NONE, CLOCK);
        vm.loadDatasets();
        vm.show(List.of(DS));
    }

    /** Commands that change something (everything but listings and dry runs). */
    List<String> changes() {
        return host.ran().stream().map(c -> c.toShell())
                .filter(s -> !s.startsWith("zfs list") && !s.startsWith("zfs holds") && !s.equals("zfs version")
                        && !s.startsWith("zfs destroy -nvp")).toList();
    }

    @Test
    void showsTheDatasetsSnapshotsInTheListAndOnTheTimeline() {
        assertEquals(5, vm.datasets().size());
        assertEquals(List.of("first", "second", "third", "fourth"), vm.snapshots().stream().map(s -> s.shortName()).toList());
        assertEquals(1, vm.timelineProperty().get().lanes().size());
        assertEquals(4, vm.timelineProperty().get().total());
        assertEquals(DS, vm.timelineProperty().get().lanes().get(0).name());
        assertNull(vm.loadErrorProperty().get());
    }

    @Test
    void selectingAHeldSnapshotShowsItsDetailsAndHolds() {
        vm.selectedNameProperty().set(SECOND);
        var s = vm.selectedProperty().get();
        assertEquals("4307433721892760442", s.guid());
        assertEquals(2203648, s.used());
        assertEquals(8495104, s.referenced());
        assertEquals(4300800, s.written());
        assertEquals(1, vm.selectedHoldsProperty().get().size());
        assertEquals("keep", vm.selectedHoldsProperty().get().get(0).tag());
        vm.selectedNameProperty().set(THIRD);
        assertEquals(List.of("rpool/vboxzones/myclone"), vm.selectedProperty().get().clones());
        assertTrue(vm.selectedHoldsProperty().get().isEmpty());
    }

    @Test
    void aVmsDisksShowTogetherOneLaneEach() {
        vm.show(List.of(DS, "rpool/vboxzones/files"));
        assertEquals(2, vm.timelineProperty().get().lanes().size());
        assertEquals(4, vm.snapshots().size());
    }

    @Test
    void snapshotNowShowsTheExactCommandThenRunsItAndSelectsTheNewSnapshot() throws Exception {
        String taken = DS + "@sluice-20261121-110000\t1\t40\t1795262400\t0\t8495104\t0\t-\t0\n";
        host.on("zfs", "snapshot", DS + "@sluice-20261121-110000").ok();
        vm.snapshotNow();
        // the refresh after the snapshot sees it
        assertEquals(1, dialogs.confirmations.size());
        assertEquals("zfs snapshot rpool/vboxzones/myvbox@sluice-20261121-110000",
                dialogs.confirmations.get(0).commands().get(0).toShell());
        assertTrue(dialogs.confirmations.get(0).goingAway().isEmpty());
        assertEquals(List.of("zfs snapshot rpool/vboxzones/myvbox@sluice-20261121-110000"), changes());
        assertEquals(List.of("Snapshot sluice-20261121-110000 taken."), notes.successes);

        host.on(SnapshotHost.argv(dev.sluice.zfs.ZfsCommands.snapshots(DS))).stdout(fixture("list-snapshots") + taken);
        vm.selectedNameProperty().set(null);
        host.on("zfs", "snapshot", DS + "@sluice-20261121-110000").ok();
        vm.snapshotNow();
        assertEquals(DS + "@sluice-20261121-110000", vm.selectedNameProperty().get());
    }

    @Test
    void snapshotNowTakesAllShownDisksInOneCommand() {
        vm.show(List.of(DS, "rpool/vboxzones/files"));
        host.onPrefix("zfs", "snapshot").ok();
        vm.snapshotNow();
        assertEquals(List.of("zfs snapshot rpool/vboxzones/myvbox@sluice-20261121-110000 rpool/vboxzones/files@sluice-20261121-110000"),
                changes());
    }

    @Test
    void snapshotNowRunsNothingWhenTheUserSaysNo() {
        dialogs.confirmAnswers.add(false);
        vm.snapshotNow();
        assertEquals(1, dialogs.confirmations.size());
        assertTrue(changes().isEmpty());
        assertTrue(notes.successes.isEmpty() && notes.errors.isEmpty());
    }

    @Test
    void snapshotNowWithABadTemplateSaysWhyAndAsksNothing() {
        vm.nameTemplateProperty().set("daily/%Y");
        vm.snapshotNow();
        assertTrue(dialogs.confirmations.isEmpty());
        assertEquals(1, notes.errors.size());
        assertTrue(notes.errors.get(0).startsWith("The name template “daily/%Y” does not give a valid snapshot name:"),
                notes.errors.get(0));
    }

    @Test
    void snapshotNowThatZfsRefusesShowsZfsReasonNotAStackTrace() {
        host.onPrefix("zfs", "snapshot").fail(1, fixture("snapshot-exists"));
        vm.snapshotNow();
        assertEquals(1, notes.errors.size());
        String msg = notes.errors.get(0);
        assertTrue(msg.contains("already exists"), msg);
        assertFalse(msg.contains("Exception") || msg.contains("\tat "), msg);
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void cloneAsksANameChecksItShowsTheCommandAndRuns() {
        vm.selectedNameProperty().set(FIRST_NAME);
        dialogs.nameAnswers.add(Optional.of("rpool/vboxzones/web-restored"));
        host.on("zfs", "clone", DS + "@first", "rpool/vboxzones/web-restored").ok();
        vm.cloneSelected();
        var prompt = dialogs.prompts.get(0);
        assertEquals("rpool/vboxzones/myvbox-clone-20261121-110000", prompt.initial());
        assertTrue(prompt.check().apply("tank/elsewhere").orElseThrow().contains("same pool"));
        assertTrue(prompt.check().apply("rpool/vboxzones/myclone").orElseThrow().contains("already exists"));
        assertTrue(prompt.check().apply("rpool/vboxzones/x@y").isPresent());
        assertTrue(prompt.check().apply("rpool/bad name!").isPresent());
        assertTrue(prompt.check().apply("rpool/vboxzones/fine").isEmpty());
        assertEquals("zfs clone rpool/vboxzones/myvbox@first rpool/vboxzones/web-restored",
                dialogs.confirmations.get(0).commands().get(0).toShell());
        assertEquals(List.of("zfs clone rpool/vboxzones/myvbox@first rpool/vboxzones/web-restored"), changes());
        assertEquals(List.of("Created rpool/vboxzones/web-restored."), notes.successes);
    }

    static final String FIRST_NAME = DS + "@first";

    @Test
    void cloneOntoAnExistingNameReportsZfsError() {
        vm.selectedNameProperty().set(FIRST_NAME);
        // the chooser has not seen the clone yet (made elsewhere): zfs refuses
        vm.datasets().removeIf(d -> d.name().equals("rpool/vboxzones/myclone"));
        dialogs.nameAnswers.add(Optional.of("rpool/vboxzones/myclone"));
        host.on("zfs", "clone", FIRST_NAME, "rpool/vboxzones/myclone").fail(1, fixture("clone-exists"));
        vm.cloneSelected();
        assertEquals(1, notes.errors.size());
        assertTrue(notes.errors.get(0).contains("already exists"), notes.errors.get(0));
    }

    @Test
    void destroyShowsTheDryRunListThenDestroys() {
        vm.selectedNameProperty().set(FOURTH);
        host.on("zfs", "destroy", "-nvp", FOURTH).stdout(fixture("destroy-nvp-fourth"));
        host.on("zfs", "destroy", FOURTH).ok();
        vm.destroySelected();
        var c = dialogs.confirmations.get(0);
        assertEquals(List.of(FOURTH), c.goingAway());
        assertTrue(c.destructive());
        assertEquals("zfs destroy rpool/vboxzones/myvbox@fourth", c.commands().get(0).toShell());
        assertTrue(c.message().contains("frees about 0B"), c.message());
        assertEquals(List.of("zfs destroy rpool/vboxzones/myvbox@fourth"), changes());
        assertEquals(List.of("Destroyed rpool/vboxzones/myvbox@fourth."), notes.successes);
    }

    @Test
    void destroyingAHeldSnapshotTellsWhyItFailed() {
        vm.selectedNameProperty().set(SECOND);
        host.on("zfs", "destroy", "-nvp", SECOND).stdout(fixture("destroy-nvp-second-held"));
        host.on("zfs", "destroy", SECOND).fail(1, fixture("destroy-held"));
        vm.destroySelected();
        assertTrue(dialogs.confirmations.get(0).message().contains("2.10M"), dialogs.confirmations.get(0).message());
        assertEquals(1, notes.errors.size());
        assertTrue(notes.errors.get(0).toLowerCase(Locale.ROOT).contains("hold"), notes.errors.get(0));
    }

    @Test
    void destroyingASnapshotWithClonesIsRefusedBeforeAnyQuestion() {
        vm.selectedNameProperty().set(THIRD);
        host.on("zfs", "destroy", "-nvp", THIRD).fail(1, fixture("destroy-nvp-third-clones"));
        vm.destroySelected();
        assertTrue(dialogs.confirmations.isEmpty());
        assertTrue(notes.errors.get(0).contains("rpool/vboxzones/myclone"), notes.errors.get(0));
        assertTrue(changes().isEmpty());
    }

    @Test
    void holdAsksATagThenHolds() {
        vm.selectedNameProperty().set(FOURTH);
        dialogs.nameAnswers.add(Optional.of("before-upgrade"));
        host.on("zfs", "hold", "before-upgrade", FOURTH).ok();
        vm.holdSelected();
        assertEquals("sluice-keep", dialogs.prompts.get(0).initial());
        assertTrue(dialogs.prompts.get(0).check().apply("").isPresent());
        assertTrue(dialogs.prompts.get(0).check().apply("-x").isPresent());
        assertEquals("zfs hold before-upgrade rpool/vboxzones/myvbox@fourth", dialogs.confirmations.get(0).commands().get(0).toShell());
        assertEquals(List.of("zfs hold before-upgrade rpool/vboxzones/myvbox@fourth"), changes());
        assertEquals(1, notes.successes.size());
    }

    @Test
    void holdWithATagAlreadyThereReportsIt() {
        vm.selectedNameProperty().set(SECOND);
        dialogs.nameAnswers.add(Optional.of("keep"));
        host.on("zfs", "hold", "keep", SECOND).fail(1, fixture("hold-exists"));
        vm.holdSelected();
        assertEquals("rpool/vboxzones/myvbox@second already has a hold “keep”. Use another tag, or release that hold first.",
                notes.errors.get(0));
    }

    @Test
    void releaseOffersTheSnapshotsHolds() {
        vm.selectedNameProperty().set(SECOND);
        host.on("zfs", "release", "keep", SECOND).ok();
        vm.releaseSelected();
        var prompt = dialogs.prompts.get(0);
        assertEquals("keep", prompt.initial());
        assertTrue(prompt.check().apply("other").isPresent());
        assertEquals(List.of("zfs release keep rpool/vboxzones/myvbox@second"), changes());
        assertEquals(List.of("Hold “keep” released on rpool/vboxzones/myvbox@second."), notes.successes);
    }

    @Test
    void releaseFailureIsReported() {
        vm.selectedNameProperty().set(SECOND);
        host.on("zfs", "release", "keep", SECOND).fail(1, fixture("release-missing"));
        vm.releaseSelected();
        assertTrue(notes.errors.get(0).contains("no hold with that tag"), notes.errors.get(0));
    }

    @Test
    void releaseOnASnapshotWithoutHoldsSaysSo() {
        vm.selectedNameProperty().set(FOURTH);
        vm.releaseSelected();
        assertTrue(dialogs.prompts.isEmpty());
        assertEquals(List.of("rpool/vboxzones/myvbox@fourth has no holds to release."), notes.errors);
    }

    @Test
    void aListingThatFailsShowsTheReason() {
        host.on(SnapshotHost.argv(uncheck(() -> dev.sluice.zfs.ZfsCommands.snapshots(DS))))
                .fail(1, "cannot open 'rpool/vboxzones/myvbox': dataset does not exist\n");
        vm.refresh();
        assertTrue(vm.loadErrorProperty().get().contains("does not exist"), vm.loadErrorProperty().get());
    }

    @Test
    void zfsMissingOnTheHostSaysWhichPackage() {
        host.notInstalled("zfs");
        vm.refresh();
        assertTrue(vm.loadErrorProperty().get().startsWith("zfs is not installed"), vm.loadErrorProperty().get());
    }

    interface Maker<T> {
        T make() throws Exception;
    }

    static <T> T uncheck(Maker<T> m) {
        try {
            return m.make();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void guardCopyLivesOutsideTheDataset() {
        assertTrue(GUARDS.startsWith("rpool/"));
    }
}
