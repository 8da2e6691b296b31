package dev.sluice.ui.snapshots;

import static dev.sluice.ui.snapshots.SnapshotHost.DS;
import static dev.sluice.ui.snapshots.SnapshotHost.FOURTH;
import static dev.sluice.ui.snapshots.SnapshotHost.GUARDS;
import static dev.sluice.ui.snapshots.SnapshotHost.SECOND;
import static dev.sluice.ui.snapshots.SnapshotHost.THIRD;
import static dev.sluice.ui.snapshots.SnapshotHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.zfs.RollbackMode;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rollback flow: what the safety dialog is told, the guard copy, clone instead, a zvol in use, failures. */
class RollbackActionTest {

    static final String STAMP = "20261121-110000";
    static final String GUARD_SNAP = DS + "@sluice-guard-" + STAMP;
    static final String GUARD_COPY = GUARDS + "/vboxzones_myvbox-" + STAMP;
    ScriptedRunner host;
    ScriptedDialogs dialogs;
    RecordingNotifier notes;
    FakeUsage usage;
    SnapshotTimelineViewModel vm;

    /** A zvol user that the test can set, and that frees the zvol when stopped. */
    static final class FakeUsage implements ZvolUsage {
        String user;
        boolean canStop;
        final List<String> stopped = new ArrayList<>();

        @Override
        public Optional<String> usedBy(String zvolName) {
            return Optional.ofNullable(user);
        }

        @Override
        public boolean canStopUser(String zvolName) {
            return canStop;
        }

        @Override
        public void stopUser(String zvolName) {
            stopped.add(zvolName);
            user = null;
        }
    }

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
        usage = new FakeUsage();
        vm = new SnapshotTimelineViewModel(new ZfsService(host), TaskExecutor.direct(), dialogs, notes, usage,
                SnapshotTimelineViewModelTest.CLOCK);
        vm.loadDatasets();
        vm.show(List.of(DS));
    }

    List<String> changes() {
        return host.ran().stream().map(c -> c.toShell())
                .filter(s -> !s.startsWith("zfs list") && !s.startsWith("zfs holds") && !s.equals("zfs version")).toList();
    }

    @Test
    void theDialogListsEverySnapshotBookmarkAndCloneThatGoes() throws Exception {
        vm.selectedNameProperty().set(SECOND);
        vm.rollbackSelected();
        assertEquals(1, dialogs.rollbacks.size());
        RollbackProposal p = dialogs.rollbacks.get(0).proposal();
        // @third has a clone, so -r would fail: the plan is -R and says the clone goes too
        assertEquals(RollbackMode.DESTROY_NEWER_AND_CLONES, p.plan().mode());
        assertEquals(List.of(THIRD, FOURTH, "rpool/vboxzones/myclone"), p.destroyed(false));
        assertEquals(List.of(THIRD, FOURTH, "rpool/vboxzones/myclone", GUARD_SNAP), p.destroyed(true));
        assertEquals(List.of(
                "zfs create -o canmount=off rpool/sluice-guards",
                "zfs snapshot " + GUARD_SNAP,
                "zfs send -vP -w " + GUARD_SNAP + " | zfs receive -v -u " + GUARD_COPY,
                "zfs rollback -R rpool/vboxzones/myvbox@second"), p.rollbackSteps(true));
        assertEquals(List.of("zfs rollback -R rpool/vboxzones/myvbox@second"), p.rollbackSteps(false));
        assertEquals(DS + "-restored-" + STAMP, p.cloneTarget());
        assertEquals(List.of("zfs clone rpool/vboxzones/myvbox@second " + DS + "-restored-" + STAMP), p.cloneSteps(p.cloneTarget()));
        assertEquals(8495104, p.guardBytes());
        // nothing ran: the user backed out
        assertTrue(changes().isEmpty(), changes().toString());
    }

    @Test
    void withTheGuardTheCurrentStateIsCopiedOutBeforeTheRollback() {
        vm.selectedNameProperty().set(SECOND);
        dialogs.rollbackAnswer = Optional.of(RollbackChoice.rollback(true));
        host.on("zfs", "create", "-o", "canmount=off", GUARDS).ok();
        host.on("zfs", "snapshot", GUARD_SNAP).ok();
        host.on("zfs", "send", "-vP", "-w", GUARD_SNAP).progress(fixture("guard-send-receive").lines().toList(), "");
        host.on("zfs", "receive", "-v", "-u", GUARD_COPY).ok();
        boolean[] rolledBack = {false};
        host.on("zfs", "rollback", "-R", SECOND).answer(c -> {
            rolledBack[0] = true;
            return new ScriptedRunner.Answer(0, "", "", List.of(), null);
        });
        host.on(SnapshotHost.argv(uncheckedSnapshots())).answer(c -> new ScriptedRunner.Answer(0,
                fixture(rolledBack[0] ? "list-snapshots-after-rollback" : "list-snapshots"), "", List.of(), null));
        vm.rollbackSelected();
        assertEquals(List.of(
                "zfs create -o canmount=off rpool/sluice-guards",
                "zfs snapshot " + GUARD_SNAP,
                "zfs send -vP -w " + GUARD_SNAP,
                "zfs receive -v -u " + GUARD_COPY,
                "zfs rollback -R rpool/vboxzones/myvbox@second"), changes());
        assertEquals(List.of("Rolled back to rpool/vboxzones/myvbox@second. The state before it is kept in " + GUARD_COPY + "."),
                notes.successes);
        assertEquals(2, vm.snapshots().size());
        assertEquals(SECOND, vm.selectedNameProperty().get());
    }

    @Test
    void aFailedGuardCopyStopsTheRollback() {
        vm.selectedNameProperty().set(SECOND);
        dialogs.rollbackAnswer = Optional.of(RollbackChoice.rollback(true));
        host.on("zfs", "create", "-o", "canmount=off", GUARDS).ok();
        host.on("zfs", "snapshot", GUARD_SNAP).ok();
        host.on("zfs", "send", "-vP", "-w", GUARD_SNAP).ok();
        host.on("zfs", "receive", "-v", "-u", GUARD_COPY).fail(1, "cannot receive new filesystem stream: out of space\n");
        vm.rollbackSelected();
        assertTrue(changes().stream().noneMatch(c -> c.startsWith("zfs rollback")), changes().toString());
        assertEquals(1, notes.errors.size());
        assertTrue(notes.errors.get(0).contains("space"), notes.errors.get(0));
    }

    @Test
    void withoutTheGuardOnlyTheRollbackRuns() {
        vm.selectedNameProperty().set(SECOND);
        dialogs.rollbackAnswer = Optional.of(RollbackChoice.rollback(false));
        host.on("zfs", "rollback", "-R", SECOND).ok();
        vm.rollbackSelected();
        assertEquals(List.of("zfs rollback -R rpool/vboxzones/myvbox@second"), changes());
    }

    @Test
    void rollbackToTheNewestButOneUsesMinusRAndListsOnlyTheNewer() {
        vm.selectedNameProperty().set(THIRD);
        dialogs.rollbackAnswer = Optional.of(RollbackChoice.rollback(false));
        host.on("zfs", "rollback", "-r", THIRD).ok();
        vm.rollbackSelected();
        RollbackProposal p = dialogs.rollbacks.get(0).proposal();
        assertEquals(RollbackMode.DESTROY_NEWER, p.plan().mode());
        assertEquals(List.of(FOURTH), p.destroyed(false));
        assertEquals(List.of("zfs rollback -r rpool/vboxzones/myvbox@third"), changes());
    }

    @Test
    void cloneInsteadDestroysNothing() {
        vm.selectedNameProperty().set(SECOND);
        String target = DS + "-restored-" + STAMP;
        dialogs.rollbackAnswer = Optional.of(RollbackChoice.cloneInstead(target));
        host.on("zfs", "clone", SECOND, target).ok();
        vm.rollbackSelected();
        assertEquals(List.of("zfs clone rpool/vboxzones/myvbox@second " + target), changes());
        assertEquals(List.of("Created " + target + "."), notes.successes);
        // the dialog can check the name as it is edited
        assertTrue(dialogs.rollbacks.get(0).checkCloneName().apply("tank/x").isPresent());
    }

    @Test
    void anOpenZvolIsRefusedWithWhoUsesIt() {
        usage.user = "VM web01 (running)";
        vm.selectedNameProperty().set(SECOND);
        vm.rollbackSelected();
        assertEquals(List.of(DS + " / VM web01 (running) / false"), dialogs.stopOffers);
        assertTrue(dialogs.rollbacks.isEmpty());
        assertTrue(changes().isEmpty());
        assertEquals(List.of("rpool/vboxzones/myvbox is open: VM web01 (running) uses it. Rolling back a disk in use corrupts "
                + "what the guest sees. Stop VM web01 (running) first, then roll back, or clone the snapshot instead."), notes.errors);
    }

    @Test
    void stoppingTheUserThenContinuesToTheDialog() {
        usage.user = "VM web01 (running)";
        usage.canStop = true;
        dialogs.stopAnswer = true;
        vm.selectedNameProperty().set(SECOND);
        vm.rollbackSelected();
        assertEquals(List.of(DS), usage.stopped);
        assertEquals(1, dialogs.rollbacks.size());
    }

    @Test
    void aZvolOpenedBetweenDialogAndRunIsStillRefused() {
        vm.selectedNameProperty().set(SECOND);
        dialogs.rollbackAnswer = Optional.of(RollbackChoice.rollback(false));
        ZvolUsage late = new ZvolUsage() {
            int calls;

            @Override
            public Optional<String> usedBy(String zvolName) {
                return ++calls == 1 ? Optional.empty() : Optional.of("VM web01 (running)");
            }
        };
        vm = new SnapshotTimelineViewModel(new ZfsService(host), TaskExecutor.direct(), dialogs, notes, late,
                SnapshotTimelineViewModelTest.CLOCK);
        vm.show(List.of(DS));
        vm.selectedNameProperty().set(SECOND);
        vm.rollbackSelected();
        assertTrue(changes().stream().noneMatch(c -> c.startsWith("zfs rollback")));
        assertTrue(notes.errors.get(0).startsWith("rpool/vboxzones/myvbox is open"), notes.errors.get(0));
    }

    @Test
    void aRollbackZfsRefusesShowsItsReason() {
        vm.selectedNameProperty().set(THIRD);
        dialogs.rollbackAnswer = Optional.of(RollbackChoice.rollback(false));
        // a clone appeared after planning: zfs refuses -r
        host.on("zfs", "rollback", "-r", THIRD).fail(1, fixture("rollback-r-has-clones"));
        vm.rollbackSelected();
        assertEquals(1, notes.errors.size());
        assertTrue(notes.errors.get(0).contains("rpool/vboxzones/myclone"), notes.errors.get(0));
        assertTrue(!notes.errors.get(0).contains("Exception"), notes.errors.get(0));
    }

    @Test
    void aSnapshotGoneBeforePlanningIsReported() {
        vm.selectedNameProperty().set(SECOND);
        host.on(SnapshotHost.argv(uncheckedSnapshots())).stdout(fixture("list-snapshots-after-rollback").lines()
                .filter(l -> !l.startsWith(SECOND)).map(l -> l + "\n").reduce("", String::concat));
        vm.rollbackSelected();
        assertTrue(dialogs.rollbacks.isEmpty());
        assertTrue(notes.errors.get(0).contains("does not exist"), notes.errors.get(0));
    }

    static dev.sluice.host.Command uncheckedSnapshots() {
        try {
            return dev.sluice.zfs.ZfsCommands.snapshots(DS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
