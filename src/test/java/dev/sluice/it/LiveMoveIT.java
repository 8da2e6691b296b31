package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.LiveQemuGuest;
import dev.sluice.migrate.Migration;
import dev.sluice.migrate.MigrationEngine;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationPlanner;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRequest;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.StepActions;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.ZvolMigrationActions;
import dev.sluice.qemu.Accel;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuRunPaths;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmState;
import dev.sluice.qemu.QemuVmStore;
import dev.sluice.qemu.QmpConnector;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.qmp.QmpClient;
import dev.sluice.qemu.qmp.QmpEvent;
import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17 on real OpenZFS 2.3 and the testbed's QEMU 7.2: a firmware-only QEMU guest on a 64 MiB zvol, written to
 * from QMP ({@code qemu-io} through {@code human-monitor-command}) all through the move, changes pool live; a failure
 * injected before the pivot and a cancel leave it running on its source with every byte it wrote. The guest's pause
 * is measured from QEMU's own STOP and RESUME events.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveMoveIT {
    private static final String SRC = "lvfrom/vm/disk0";
    private static final String DST = "lvto/vm/disk0";
    private static final String SRC_DEV = "/dev/zvol/" + SRC;
    private static final String DST_DEV = "/dev/zvol/" + DST;
    private static final int SIZE = 64 << 20;
    private static final int CHUNK = 64 << 10;

    Testbed tb;
    ZfsService zfs;
    QemuVmService qemu;
    QemuVmStore vms;
    QemuRunPaths paths;
    /** The guest-side services as the app builds them for a host ({@code GuestHost.open}). */
    dev.sluice.guest.GuestHost host;
    MigrationStore store;
    /** What the guest's disk must hold: every write the test made, in order. */
    byte[] expected;
    final List<String> writeLog = new CopyOnWriteArrayList<>();

    @TempDir
    static Path state;

    @BeforeAll
    void pools(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshPool("lvfrom", 1);
        tb.freshPool("lvto", 2);
        zfs = new ZfsService(tb.runner());
        freshGuest();
    }

    /**
     * One guest serves the class (CI's time budget): the failure and the cancel leave it on its source as it was,
     * which they assert, and the live move runs last.
     */
    void freshGuest() throws Exception {
        if (qemu != null) {
            stopGuest();
        }
        for (String parent : List.of("lvfrom/vm", "lvto/vm")) {
            if (zfs.dataset(parent).isPresent()) {
                zfs.destroy(parent, DestroyFlags.RECURSIVE);
            }
            zfs.createDataset(parent, Map.of());
        }
        zfs.createZvol(SRC, "64M", true, "16K", Map.of());
        tb.waitForDevice(SRC_DEV);
        expected = new byte[SIZE];
        // the VM defined where the app keeps a host's QEMU definitions, then the services built as the app builds them
        Path dir = Files.createTempDirectory(state, "qemu");
        new QemuVmStore(dir).save(new QemuVmDefinition("live", 1, 64, List.of(QemuDrive.zvol(SRC_DEV)), QemuVmDefinition.Nic.NONE,
                QemuVmDefinition.Display.none()));
        host = dev.sluice.guest.GuestHost.open(tb.runner(), dir);
        qemu = host.qemu();
        vms = qemu.store();
        paths = qemu.paths();
        store = new MigrationStore(Files.createTempDirectory(state, "migrations"));
        qemu.start("live");
        // data and a snapshot of the user's own before the move: the history that must arrive on the target
        write(0x10, 0, 4 << 20);
        write(0x11, 4L << 20, 4 << 20);
        tb.sh("sync");
        zfs.snapshot(List.of(SRC + "@before"));
    }

    @AfterAll
    void stopGuest() throws Exception {
        if (qemu == null) {
            return;
        }
        var pid = tb.shAllowingFailure("cat " + paths.pidFile("live"));
        if (pid.ok()) {
            tb.shAllowingFailure("kill -KILL " + pid.stdout().strip());
        }
        qemu.detachAll();
    }

    private synchronized void write(int pattern, long offset, int len) throws Exception {
        qemu.session("live").execute("human-monitor-command", Map.of("command-line",
                String.format("qemu-io drive0 \"write -P 0x%02x %d %d\"", pattern, offset, len)));
        java.util.Arrays.fill(expected, (int) offset, (int) offset + len, (byte) pattern);
    }

    /**
     * Writes 64 KiB chunks across the disk until stopped, as a busy guest would, and like a guest not while its CPUs
     * are stopped (QEMU's STOP event arrives before the reply to the {@code stop} that caused it).
     */
    private final class Writer implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicBoolean paused = new AtomicBoolean();
        final Thread thread;
        volatile Exception failed;
        volatile int count;

        Writer() throws Exception {
            qemu.session("live").addEventListener(e -> {
                if (e.name().equals("STOP")) {
                    paused.set(true);
                } else if (e.name().equals("RESUME")) {
                    paused.set(false);
                }
            });
            thread = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    try {
                        if (paused.get()) {
                            Thread.sleep(5);
                            continue;
                        }
                        write(0x40 + (i % 64), (long) ((i * 37) % (SIZE / CHUNK)) * CHUNK, CHUNK);
                        count = ++i;
                        Thread.sleep(40); // busy, but leaves the QMP session (and the testbed's CPUs) to the move too
                    } catch (Exception e) {
                        failed = e;
                        return;
                    }
                }
            }, "live-writer");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            thread.join(30_000);
            if (failed != null) {
                throw failed;
            }
        }
    }

    private String expectedSha() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
    }

    private String sha(String device) throws Exception {
        return tb.sh("sha256sum " + device + " | cut -d' ' -f1").strip();
    }

    private Function<GuestRef, GuestControl> guests() {
        return r -> new LiveQemuGuest(qemu, "live", SRC_DEV, Duration.ofSeconds(1));
    }

    /** The app's tools for the testbed host (its composition: {@code MigrationTools.of} over {@code GuestHost.open}). */
    private dev.sluice.ui.migration.MigrationTools tools() {
        return dev.sluice.ui.migration.MigrationTools.of("testbed", host, store, Duration.ofSeconds(1));
    }

    /**
     * Planned as the wizard's zvol picker plans it: the zvol alone, the VM that uses it found by the app's inventory
     * (the path that once fell back to stop-and-send in the app while a hand-wired planner moved live).
     */
    private Migration plan(MigrationOptions o) throws Exception {
        dev.sluice.ui.migration.Plans p = dev.sluice.ui.migration.Plans.make(tools(),
                List.of(dev.sluice.ui.migration.MigrationSource.zvol(SRC)), "lvto/vm", o);
        assertTrue(p.refusals().isEmpty(), p.refusals().toString());
        return new Migration(p.plans().get(0), store);
    }

    /** QEMU's own STOP/RESUME times: how long the guest's CPUs stood still. */
    private List<QmpEvent> pauses() throws Exception {
        List<QmpEvent> seen = new CopyOnWriteArrayList<>();
        qemu.session("live").addEventListener(e -> {
            if (e.name().equals("STOP") || e.name().equals("RESUME")) {
                seen.add(e);
            }
        });
        return seen;
    }

    private static Duration paused(List<QmpEvent> events) {
        Duration sum = Duration.ZERO;
        Instant stop = null;
        for (QmpEvent e : events) {
            if (e.name().equals("STOP")) {
                stop = e.timestamp();
            } else if (stop != null) {
                sum = sum.plus(Duration.between(stop, e.timestamp()));
                stop = null;
            }
        }
        return sum;
    }

    private String driveNode() throws Exception {
        for (var b : qemu.session("live").execute("query-block")) {
            if (b.path("device").asText().equals("drive0")) {
                return b.path("inserted").path("file").asText() + " " + b.path("inserted").path("node-name").asText();
            }
        }
        return "";
    }

    private void assertOnSourceUntouched(Migration m) throws Exception {
        System.err.printf("[live-move] rolled back:%n%s", timings(m));
        long t0 = System.nanoTime();
        assertEquals(MigrationState.ROLLED_BACK, m.state(), m.record().error() + "\n" + m.record().stateReport());
        assertEquals("running", qemu.queryStatus("live").status());
        assertTrue(driveNode().startsWith(SRC_DEV + " "), driveNode());
        assertEquals(SRC_DEV, vms.find("live").orElseThrow().drives().get(0).source());
        assertTrue(qemu.session("live").execute("query-block-jobs").isEmpty());
        assertFalse(zfs.dataset(DST).isPresent(), "the partial target is cleaned up");
        write(0x7e, 40L << 20, CHUNK); // the guest still writes to its source
        tb.sh("sync");
        assertEquals(expectedSha(), sha(SRC_DEV), "the source holds every byte the guest wrote");
        assertEquals(List.of(SRC + "@before"), zfs.snapshots(SRC).stream().map(s -> s.name()).toList());
        System.err.printf("[live-move]   checks %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    @Order(3)
    void aRunningGuestWrittenToDuringTheMoveChangesPoolWithUnderASecondsPause() throws Exception {
        Migration m = plan(MigrationOptions.safeDefaults());
        assertEquals(StepKind.LIVE_TRACK, m.record().steps().get(0).kind(), m.record().stateReport());
        List<QmpEvent> events = pauses();
        // writes while the seed is sent, while the copy rounds run, while the mirror runs, after the pivot
        StepActions real = tools().actions();
        List<Integer> writesAt = new ArrayList<>();
        long t0 = System.nanoTime();
        MigrationState end;
        try (Writer w = new Writer()) {
            end = new MigrationEngine(new StepActions() {
                @Override
                public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                    real.execute(step, r, ctx);
                    writesAt.add(w.count);
                }

                @Override
                public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                    real.undo(step, r, ctx);
                }
            }, (s, p) -> { }).run(m, TaskContext.NONE);
            Thread.sleep(500);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
        assertTrue(writesAt.get(writesAt.size() - 1) > writesAt.get(2), "the guest wrote during the move: " + writesAt);
        assertTrue(driveNode().startsWith(DST_DEV + " "), driveNode());
        assertEquals(DST_DEV, vms.find("live").orElseThrow().drives().get(0).source(), "the next start uses the new disk");
        assertEquals("running", qemu.queryStatus("live").status());
        tb.sh("sync");
        assertEquals(expectedSha(), sha(DST_DEV), "the target holds every byte the guest wrote");
        assertTrue(zfs.snapshots(DST).stream().anyMatch(s -> s.name().equals(DST + "@before")), "history on the target");
        assertTrue(zfs.dataset(SRC).isPresent(), "the source is kept");
        Duration pause = paused(events);
        // the figure (under a second on the testbed, 0.175 s quiet) is reported, not asserted: timings belong to
        // benchmarks, and a loaded CI machine stretches it; a pause this long would mean the guest was stopped
        assertTrue(pause.toMillis() < 5000, "paused " + pause);
        String note = m.record().steps().stream().filter(s -> s.kind() == StepKind.LIVE_MIRROR).findFirst().orElseThrow().message();
        System.err.printf("[live-move] pause %.3f s (QEMU STOP->RESUME), total %.1f s, writes %s per step; %s%n%s",
                pause.toNanos() / 1e9, total, writesAt, note, timings(m));
    }

    private static String timings(Migration m) {
        StringBuilder sb = new StringBuilder();
        for (MigrationStep s : m.record().steps()) {
            if (s.started() != null && s.finished() != null) {
                sb.append(String.format("[migration]   %-16s %6.2f s%n", s.kind(), Duration.between(s.started(), s.finished()).toMillis() / 1000.0));
            }
        }
        return sb.toString();
    }

    /**
     * The figures the issue asks for beside the live move: the same guest, the same writes, moved by stopping it
     * (ACPI, which a firmware-only guest ignores, then quit after 1 s; final send; start on the new disk). Not in CI's
     * budget: {@code -Dsluice.livemove.compare=true}.
     */
    @Test
    @Order(4)
    void aSluiceKilledWhileTheMirrorRunsFinishesTheMoveWhenStartedAgain() throws Exception {
        // after the live move the guest runs on lvto: it moves back live (its old zvol destroyed first), saving a
        // fresh guest's set-up; alone, it moves forward from a fresh guest
        boolean back = DST_DEV.equals(vms.find("live").orElseThrow().drives().get(0).source());
        if (back) {
            zfs.destroy(SRC, DestroyFlags.RECURSIVE);
        } else {
            freshGuest();
        }
        String from = back ? DST : SRC;
        String to = back ? SRC : DST;
        String fromDev = "/dev/zvol/" + from;
        String toDev = "/dev/zvol/" + to;
        Function<GuestRef, GuestControl> guests = r -> new LiveQemuGuest(qemu, "live", fromDev, Duration.ofSeconds(1));
        GuestRef ref = new GuestRef(GuestRef.Hypervisor.QEMU, "live", "live", "drive0", fromDev, true);
        MigrationStore store = new MigrationStore(state.resolve("crash"));
        Migration m = new Migration(new MigrationPlanner(zfs, guests, "testbed")
                .plan(MigrationRequest.of(from, to.substring(0, to.lastIndexOf('/')), MigrationOptions.safeDefaults(), ref)), store);
        StepActions real = new ZvolMigrationActions(zfs, guests);
        try (Writer w = new Writer()) {
            new MigrationEngine(new StepActions() {
                @Override
                public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                    real.execute(step, r, ctx);
                    if (step.kind() == StepKind.LIVE_MIRROR) {
                        throw new Error("Sluice 'killed' with the mirror running, before the step was recorded done");
                    }
                }

                @Override
                public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                    real.undo(step, r, ctx);
                }
            }, (s, p) -> { }).run(m, TaskContext.NONE);
        } catch (Error killed) {
            // what is left: the record, and QEMU (daemonized) with its mirror running
        }
        try (Writer w = new Writer()) { // the guest keeps writing while Sluice is away
            Thread.sleep(1000);
        }
        qemu.detachAll(); // a new Sluice: a new QMP session to the QEMU that kept running
        qemu = new QemuVmService(tb.runner(), vms, paths, new Preflight(new PathProbe(tb.runner()), d -> Optional.empty(), p -> 0),
                QmpConnector.forRunner(tb.runner()), Accel.TCG);
        assertEquals(List.of("live"), qemu.reattach());
        MigrationRecord crashed = store.all().get(0);
        store.save(crashed.withOwner(new dev.sluice.migrate.OwnerLease(crashed.owner().pid(), crashed.owner().processStart(),
                "an-earlier-boot", crashed.owner().heartbeat())));
        MigrationRecord found = store.unfinished().get(0);
        assertEquals(MigrationState.INTERRUPTED, found.state());
        Migration again = new Migration(found, store);
        MigrationState end;
        try (Writer w = new Writer()) {
            end = new MigrationEngine(new ZvolMigrationActions(zfs, guests), (s, p) -> { }).run(again, TaskContext.NONE);
        }
        assertEquals(MigrationState.SUCCEEDED, end, again.record().error() + "\n" + again.record().stateReport());
        assertTrue(driveNode().startsWith(toDev + " "), driveNode());
        assertEquals(toDev, vms.find("live").orElseThrow().drives().get(0).source());
        tb.sh("sync");
        assertEquals(expectedSha(), sha(toDev), "the target holds every byte the guest wrote, before, during and after the crash");
        System.err.printf("[live-move] resumed after a kill:%n%s", timings(again));
    }

    @Test
    @Order(5)
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "sluice.livemove.compare", matches = "true")
    void stopAndSendForComparison() throws Exception {
        freshGuest();
        Migration m = plan(MigrationOptions.safeDefaults().withLive(false));
        assertEquals(StepKind.PRESEED_SNAPSHOT, m.record().steps().get(0).kind(), m.record().stateReport());
        long t0 = System.nanoTime();
        MigrationState end = new MigrationEngine(tools().actions(), (s, p) -> { }).run(m, TaskContext.NONE);
        double total = (System.nanoTime() - t0) / 1e9;
        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
        tb.sh("sync");
        assertEquals(expectedSha(), sha(DST_DEV));
        System.err.printf("[stop-and-send] downtime %.3f s, total %.1f s%n%s", m.record().downtime().orElseThrow().toMillis() / 1000.0,
                total, timings(m));
    }

    /** Fails right after a step did its work. */
    private record FailAfter(StepActions real, StepKind kind) implements StepActions {
        @Override
        public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
            real.execute(step, r, ctx);
            if (step.kind() == kind) {
                throw new IllegalStateException("injected failure after " + kind);
            }
        }

        @Override
        public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
            real.undo(step, r, ctx);
        }
    }

    @Test
    @Order(1)
    void aFailureBeforeThePivotLeavesTheGuestRunningOnItsSource() throws Exception {
        Migration m = plan(MigrationOptions.safeDefaults());
        MigrationState end;
        try (Writer w = new Writer()) {
            // the mirror runs (every write lands on both disks) when the failure strikes
            end = new MigrationEngine(new FailAfter(tools().actions(), StepKind.LIVE_MIRROR), (s, p) -> { })
                    .run(m, TaskContext.NONE);
        }
        assertEquals(MigrationState.ROLLED_BACK, end);
        // the injected failure, or (on a loaded machine) the mirror's own refusal when one of the test's monitor
        // writes, which unlike a guest's do not stop with its CPUs, lands inside the pause: both fail before the pivot
        String error = m.record().error();
        assertTrue(error.contains("injected failure after LIVE_MIRROR") || error.contains("kept writing to its disk while it was paused"),
                error);
        assertOnSourceUntouched(m);
    }

    /** A task the test cancels, running what the steps registered, as the app's task does. */
    private static final class Cancellable implements TaskContext {
        final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;

        void cancel() {
            cancelled = true;
            onCancel.forEach(Runnable::run);
        }

        @Override
        public void progress(Progress p) {
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
            onCancel.add(action);
        }
    }

    @Test
    @Order(2)
    void aCancelDuringTheCopyLeavesTheGuestRunningOnItsSource() throws Exception {
        Migration m = plan(MigrationOptions.safeDefaults());
        Cancellable task = new Cancellable();
        StepActions real = tools().actions();
        MigrationState end;
        try (Writer w = new Writer()) {
            end = new MigrationEngine(new StepActions() {
                @Override
                public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                    if (step.kind() == StepKind.LIVE_MIRROR) {
                        // a lot written since the seed: the copy is under way when the cancel comes
                        for (int i = 0; i < 24; i++) {
                            write(0x60, (16L << 20) + (long) i * (1 << 20), 1 << 20);
                        }
                        new Thread(() -> {
                            try {
                                Thread.sleep(300);
                            } catch (InterruptedException ignored) {
                                return;
                            }
                            task.cancel();
                        }).start();
                    }
                    real.execute(step, r, ctx);
                }

                @Override
                public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                    real.undo(step, r, ctx);
                }
            }, (s, p) -> { }).run(m, task);
        }
        assertEquals(MigrationState.ROLLED_BACK, end);
        assertTrue(m.record().error().contains("ancel"), m.record().error());
        assertOnSourceUntouched(m);
    }
}
