package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.MigrationEngineTest.Ctx;
import dev.sluice.migrate.MigrationEngineTest.FakeActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The holes of issue 11 items 1, 2 and 5 in the engine and the record store: each failed before the fix. */
class MigrationSafetyTest {

    @TempDir
    Path dir;

    private static MigrationRecord plan(StepKind... kinds) {
        List<MigrationStep> steps = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            steps.add(MigrationStep.planned(i, kinds[i], kinds[i].name(), Map.of(), List.of("zfs list")));
        }
        return new MigrationRecord("m1", "local", Instant.now(), "rpool/vm/disk0", "tank/vm/disk0",
                MigrationOptions.safeDefaults(), new GuestRef(GuestRef.Hypervisor.QEMU, "vm1", "web", "disk0", "/dev/zvol/rpool/vm/disk0", true),
                MigrationState.PLANNED, steps, null, null, "");
    }

    private static MigrationRecord full() {
        return plan(StepKind.PRESEED_SNAPSHOT, StepKind.PRESEED_SEND, StepKind.STOP_GUEST, StepKind.FINAL_SNAPSHOT,
                StepKind.FINAL_SEND, StepKind.VERIFY, StepKind.REPOINT_DISK, StepKind.START_GUEST, StepKind.CLEAN_UP);
    }

    private static MigrationRecord with(MigrationRecord r, MigrationState state, StepStatus... statuses) {
        MigrationRecord out = r;
        for (int i = 0; i < statuses.length; i++) {
            out = out.withStep(out.steps().get(i).with(statuses[i], ""));
        }
        return out.withState(state, "");
    }

    // ------------------------------------------------------------------ item 1: past the point of no return

    @Test
    void afterTheGuestStartedOnTheTargetRollBackIsNeverOfferedNorPossible() {
        StepStatus d = StepStatus.DONE;
        MigrationRecord cut = with(full(), MigrationState.INTERRUPTED, d, d, d, d, d, d, d, d, StepStatus.RUNNING);
        assertTrue(cut.pastPointOfNoReturn());
        assertEquals(List.of(MigrationRecovery.Offer.FINISH, MigrationRecovery.Offer.DISMISS), MigrationRecovery.offers(cut));
        FakeActions a = new FakeActions(Set.of(), Set.of());
        Migration m = new Migration(cut, new MigrationStore(dir));
        assertThrows(IllegalStateException.class, () -> new MigrationEngine(a, (s, p) -> { }).rollBack(m, new Ctx(), "user"));
        assertTrue(a.log.isEmpty(), "nothing was undone: " + a.log);
        assertEquals(MigrationState.SUCCEEDED, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()), "finishing runs what is left");
        assertEquals(List.of("do CLEAN_UP"), a.log);
    }

    @Test
    void aFailureWhileStartingTheGuestOnTheTargetUndoesNothingAndCanBeFinished() {
        FakeActions a = new FakeActions(Set.of(StepKind.START_GUEST), Set.of());
        Migration m = new Migration(full(), new MigrationStore(dir));
        assertEquals(MigrationState.NEEDS_ATTENTION, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        assertTrue(a.log.stream().noneMatch(l -> l.startsWith("undo")), a.log.toString());
        assertEquals(List.of(MigrationRecovery.Offer.FINISH, MigrationRecovery.Offer.DISMISS), MigrationRecovery.offers(m.record()));
        FakeActions again = new FakeActions(Set.of(), Set.of());
        assertEquals(MigrationState.SUCCEEDED, new MigrationEngine(again, (s, p) -> { }).run(m, new Ctx()));
        assertEquals(List.of("do START_GUEST", "do CLEAN_UP"), again.log);
    }

    @Test
    void cancelAfterTheGuestStartedDoesNotUndoIt() {
        FakeActions a = new FakeActions(Set.of(), Set.of());
        Ctx ctx = new Ctx();
        a.duringStep = () -> {
            if (a.log.get(a.log.size() - 1).equals("do START_GUEST")) {
                ctx.cancelled = true;
            }
        };
        Migration m = new Migration(full(), new MigrationStore(dir));
        MigrationState end = new MigrationEngine(a, (s, p) -> { }).run(m, ctx);
        assertEquals(MigrationState.INTERRUPTED, end, m.record().stateReport());
        assertTrue(a.log.stream().noneMatch(l -> l.startsWith("undo")), a.log.toString());
        assertEquals(StepStatus.DONE, m.record().steps().get(7).status());
    }

    @Test
    void dismissKeepsTheRecordAndNeverOffersItAgain() {
        StepStatus d = StepStatus.DONE;
        MigrationStore store = new MigrationStore(dir);
        store.save(with(full(), MigrationState.NEEDS_ATTENTION, d, d, d, d, d, d, d, d, StepStatus.FAILED));
        MigrationRecord r = store.unfinished().get(0);
        assertEquals(MigrationState.DISMISSED, MigrationRecovery.dismiss(store, r).state());
        assertTrue(store.unfinished().isEmpty());
        assertEquals(1, store.all().size(), "the record is kept");
    }

    // ------------------------------------------------------------------ item 2: owner lease

    @Test
    void aMigrationAnotherLiveProcessRunsIsNeitherOfferedNorRewritten() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            ProcessHandle h = other.toHandle();
            OwnerLease lease = new OwnerLease(h.pid(), h.info().startInstant().orElse(null), OwnerLease.currentBootId(), Instant.now());
            assertTrue(lease.heldElsewhere());
            MigrationRecord running = with(full(), MigrationState.RUNNING, StepStatus.DONE, StepStatus.RUNNING).withOwner(lease);
            Files.createDirectories(dir);
            new MigrationStore(dir).save(running);
            Path file = dir.resolve("m1.json");
            String before = Files.readString(file);

            MigrationStore store = new MigrationStore(dir);
            assertTrue(store.unfinished().isEmpty(), "a live owner's migration is not offered as interrupted");
            assertEquals(before, Files.readString(file), "nor rewritten");
            assertThrows(MigrationStore.OwnedElsewhere.class, () -> store.save(running.withState(MigrationState.INTERRUPTED, "")));
            assertThrows(MigrationStore.OwnedElsewhere.class, () -> store.claim("m1"));
            assertEquals(before, Files.readString(file));

            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
            List<MigrationRecord> found = store.unfinished();
            assertEquals(1, found.size(), "a dead owner loses its lease");
            assertEquals(MigrationState.INTERRUPTED, found.get(0).state());
            assertEquals(null, found.get(0).owner());
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aRunningMigrationCarriesThisProcessAsOwnerAndReleasesItAtTheEnd() {
        MigrationStore store = new MigrationStore(dir);
        FakeActions a = new FakeActions(Set.of(), Set.of());
        List<OwnerLease> seen = new ArrayList<>();
        a.duringStep = () -> seen.add(store.all().get(0).owner());
        Migration m = new Migration(full(), store);
        assertEquals(MigrationState.SUCCEEDED, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        assertTrue(seen.stream().allMatch(o -> o != null && o.ownedHere()), seen.toString());
        assertEquals(null, store.all().get(0).owner());
    }

    // ------------------------------------------------------------------ item 5: stop at a resumable checkpoint

    @Test
    void aStopRequestEndsAfterTheCurrentStepAtAResumableCheckpoint() {
        FakeActions a = new FakeActions(Set.of(), Set.of());
        MigrationStore store = new MigrationStore(dir);
        Migration m = new Migration(full(), store);
        a.duringStep = () -> {
            if (a.log.size() == 2) {
                m.requestStop(); // during the pre-seed send
            }
        };
        assertEquals(MigrationState.INTERRUPTED, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        assertEquals(List.of("do PRESEED_SNAPSHOT", "do PRESEED_SEND"), a.log);
        assertEquals(StepStatus.DONE, m.record().steps().get(1).status(), "the current step finished");
        assertEquals(MigrationRecovery.Offer.RESUME, MigrationRecovery.offers(store.all().get(0)).get(0));
    }

    @Test
    void aStopRequestWhileTheGuestIsDownWaitsUntilItRunsAgain() {
        FakeActions a = new FakeActions(Set.of(), Set.of());
        Migration m = new Migration(full(), new MigrationStore(dir));
        a.duringStep = () -> {
            if (a.log.get(a.log.size() - 1).equals("do STOP_GUEST")) {
                m.requestStop();
            }
        };
        assertEquals(MigrationState.INTERRUPTED, new MigrationEngine(a, (s, p) -> { }).run(m, new Ctx()));
        assertEquals("do START_GUEST", a.log.get(a.log.size() - 1), "the guest is not left down: " + a.log);
        assertFalse(m.record().guestDown());
    }
}
