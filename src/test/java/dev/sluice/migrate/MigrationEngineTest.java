package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationEngineTest {

    @TempDir
    Path dir;

    /** Records what ran and fails where told to. */
    static final class FakeActions implements StepActions {
        final List<String> log = new ArrayList<>();
        final Set<StepKind> failOn;
        final Set<StepKind> failUndoOn;
        Runnable duringStep = () -> { };

        FakeActions(Set<StepKind> failOn, Set<StepKind> failUndoOn) {
            this.failOn = failOn;
            this.failUndoOn = failUndoOn;
        }

        @Override
        public void execute(MigrationStep step, MigrationRecord record, StepContext ctx) throws Exception {
            log.add("do " + step.kind());
            duringStep.run();
            ctx.progress(new Progress(1, 2, 0, null, "half"));
            if (failOn.contains(step.kind())) {
                throw new IllegalStateException("cannot receive: out of space");
            }
        }

        @Override
        public void undo(MigrationStep step, MigrationRecord record, StepContext ctx) throws Exception {
            log.add("undo " + step.kind());
            if (failUndoOn.contains(step.kind())) {
                throw new IllegalStateException("VBoxManage: medium is locked");
            }
        }
    }

    static final class Ctx implements TaskContext {
        volatile boolean cancelled;

        @Override
        public void progress(Progress p) {
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    }

    private MigrationRecord plan() {
        List<MigrationStep> steps = new ArrayList<>();
        StepKind[] kinds = {StepKind.PRESEED_SNAPSHOT, StepKind.PRESEED_SEND, StepKind.STOP_GUEST, StepKind.FINAL_SNAPSHOT,
                StepKind.FINAL_SEND, StepKind.VERIFY, StepKind.REPOINT_DISK, StepKind.START_GUEST, StepKind.CLEAN_UP};
        for (int i = 0; i < kinds.length; i++) {
            steps.add(MigrationStep.planned(i, kinds[i], kinds[i].name(), Map.of(), List.of("zfs list")));
        }
        return new MigrationRecord("m1", "local", Instant.now(), "rpool/vm/disk0", "tank/vm/disk0",
                MigrationOptions.safeDefaults(), new GuestRef(GuestRef.Hypervisor.QEMU, "vm1", "web", "disk0", "/dev/zvol/rpool/vm/disk0", true),
                MigrationState.PLANNED, steps, null, null, "");
    }

    @Test
    void runsEveryStepAndMeasuresDowntime() {
        FakeActions a = new FakeActions(Set.of(), Set.of());
        MigrationStore store = new MigrationStore(dir);
        Migration m = new Migration(plan(), store);
        assertEquals(MigrationState.SUCCEEDED, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        assertEquals(9, a.log.size());
        assertTrue(m.record().downtime().isPresent());
        assertEquals(MigrationState.SUCCEEDED, store.all().get(0).state());
    }

    @Test
    void failureUndoesFinishedStepsInReverse() {
        FakeActions a = new FakeActions(Set.of(StepKind.FINAL_SEND), Set.of());
        Migration m = new Migration(plan(), new MigrationStore(dir));
        assertEquals(MigrationState.ROLLED_BACK, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        assertEquals(List.of("do PRESEED_SNAPSHOT", "do PRESEED_SEND", "do STOP_GUEST", "do FINAL_SNAPSHOT", "do FINAL_SEND",
                "undo FINAL_SEND", "undo FINAL_SNAPSHOT", "undo STOP_GUEST", "undo PRESEED_SEND", "undo PRESEED_SNAPSHOT"), a.log);
        assertTrue(m.record().error().contains("out of space"), m.record().error());
    }

    @Test
    void failedUndoStopsAndReportsEveryStep() {
        FakeActions a = new FakeActions(Set.of(StepKind.REPOINT_DISK), Set.of(StepKind.REPOINT_DISK));
        Migration m = new Migration(plan(), new MigrationStore(dir));
        assertEquals(MigrationState.NEEDS_ATTENTION, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        String err = m.record().error();
        assertTrue(err.contains("medium is locked") && err.contains("REPOINT_DISK") && err.contains("undo failed"), err);
        assertEquals(StepStatus.DONE, m.record().steps().get(StepKind.STOP_GUEST.ordinal() - 1).status());
    }

    @Test
    void failureAfterTheGuestStartedIsNotRolledBack() {
        FakeActions a = new FakeActions(Set.of(StepKind.CLEAN_UP), Set.of());
        Migration m = new Migration(plan(), new MigrationStore(dir));
        assertEquals(MigrationState.NEEDS_ATTENTION, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        assertTrue(a.log.stream().noneMatch(l -> l.startsWith("undo")));
    }

    @Test
    void cancelRollsBack() {
        FakeActions a = new FakeActions(Set.of(), Set.of());
        Ctx ctx = new Ctx();
        a.duringStep = () -> {
            if (a.log.size() == 2) {
                ctx.cancelled = true;
            }
        };
        Migration m = new Migration(plan(), new MigrationStore(dir));
        assertEquals(MigrationState.ROLLED_BACK, new MigrationEngine(a, (s, p) -> { }).run(m, ctx));
        assertEquals(List.of("do PRESEED_SNAPSHOT", "do PRESEED_SEND", "undo PRESEED_SEND", "undo PRESEED_SNAPSHOT"), a.log);
    }

    @Test
    void aCrashMidwayIsFoundAtNextStartAndResumesFromTheStepThatRan() {
        MigrationStore store = new MigrationStore(dir);
        FakeActions a = new FakeActions(Set.of(), Set.of());
        Migration m = new Migration(plan(), store);
        a.duringStep = () -> {
            if (a.log.size() == 5) {
                throw new Error("simulated crash"); // the JVM dies mid-step: nothing after this runs
            }
        };
        try {
            new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx());
        } catch (Error expected) {
            // what a crash leaves behind is the persisted record
        }
        assertTrue(store.unfinished().isEmpty(), "this process still owns it: not offered while its owner lives");
        MigrationRecord crashed = store.all().get(0);
        store.save(crashed.withOwner(new OwnerLease(crashed.owner().pid(), crashed.owner().processStart(), "an-earlier-boot",
                crashed.owner().heartbeat())));
        List<MigrationRecord> found = store.unfinished();
        assertEquals(1, found.size());
        assertEquals(MigrationState.INTERRUPTED, found.get(0).state());
        assertTrue(found.get(0).error().contains("FINAL_SEND"), found.get(0).error());

        FakeActions again = new FakeActions(Set.of(), Set.of());
        Migration resumed = new Migration(found.get(0), store);
        assertEquals(MigrationState.SUCCEEDED, new MigrationEngine(again, (s, p) -> { }).run(resumed, new Ctx()));
        assertEquals("do FINAL_SEND", again.log.get(0));
    }

    @Test
    void aLivePivotThatSwitchedBeforeACrashIsFinishedNotRolledBack() {
        List<MigrationStep> steps = new ArrayList<>();
        StepKind[] kinds = {StepKind.LIVE_TRACK, StepKind.PRESEED_SNAPSHOT, StepKind.PRESEED_SEND, StepKind.VERIFY,
                StepKind.LIVE_MIRROR, StepKind.LIVE_PIVOT, StepKind.CLEAN_UP};
        for (int i = 0; i < kinds.length; i++) {
            StepStatus st = i < 5 ? StepStatus.DONE : i == 5 ? StepStatus.RUNNING : StepStatus.PENDING;
            steps.add(new MigrationStep(i, kinds[i], kinds[i].name(), Map.of(), List.of(), st, "", null, null));
        }
        MigrationRecord interrupted = new MigrationRecord("m2", "local", Instant.now(), "rpool/vm/disk0", "tank/vm/disk0",
                MigrationOptions.safeDefaults(), new GuestRef(GuestRef.Hypervisor.QEMU, "vm1", "web", "drive0", "/dev/zvol/rpool/vm/disk0", true),
                MigrationState.INTERRUPTED, steps, null, null, "");
        assertEquals(List.of(MigrationRecovery.Offer.RESUME, MigrationRecovery.Offer.ROLL_BACK), MigrationRecovery.offers(interrupted));
        // the user picks roll back; QEMU says the drive already runs on the target
        FakeActions a = new FakeActions(Set.of(), Set.of(StepKind.LIVE_PIVOT));
        Migration m = new Migration(interrupted, new MigrationStore(dir));
        assertEquals(MigrationState.NEEDS_ATTENTION, new MigrationEngine(a, (s, p) -> { }).rollBack(m, new Ctx(), "user"));
        assertEquals(List.of("undo LIVE_PIVOT"), a.log);
        assertTrue(m.record().pastPointOfNoReturn());
        assertEquals(List.of(MigrationRecovery.Offer.FINISH, MigrationRecovery.Offer.DISMISS), MigrationRecovery.offers(m.record()));
        // finishing re-runs the pivot (which finds the switch and re-points the definition) and the rest
        FakeActions finish = new FakeActions(Set.of(), Set.of());
        assertEquals(MigrationState.SUCCEEDED, new MigrationEngine(finish, (s, p) -> { }).run(m, new Ctx()));
        assertEquals(List.of("do LIVE_PIVOT", "do CLEAN_UP"), finish.log);
    }
}
