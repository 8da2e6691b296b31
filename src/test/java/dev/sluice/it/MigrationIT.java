package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.CommandException;
import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.Migration;
import dev.sluice.migrate.MigrationEngine;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationPlanner;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRequest;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.MigrationText;
import dev.sluice.migrate.OwnerLease;
import dev.sluice.migrate.QemuGuest;
import dev.sluice.migrate.StepActions;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.VBoxGuest;
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
import dev.sluice.qemu.preflight.ZvolFacts;
import dev.sluice.qemu.preflight.ZvolLookup;
import dev.sluice.task.TaskContext;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.vbox.VBoxDisk;
import dev.sluice.vbox.VBoxService;
import dev.sluice.vbox.VBoxVersion;
import dev.sluice.vbox.VBoxVm;
import dev.sluice.vbox.testing.FakeVBoxManage;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The migration wizard's engine on real OpenZFS: a guest's zvol moves from pool {@code mfrom} to pool
 * {@code mto} with its data intact, for a real QEMU guest inside the testbed and for a VirtualBox
 * guest (the VBoxManage test double, with real zvols behind it); a failure injected after each step
 * puts everything back; a migration whose receive was killed mid-stream (Sluice "crashing") is found
 * again and resumed from the receive's token to identical data.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationIT {
    private static final String SRC = "mfrom/vm/disk0";
    private static final String DST = "mto/vm/disk0";
    private static final String SRC_DEV = "/dev/zvol/" + SRC;
    private static final String DST_DEV = "/dev/zvol/" + DST;
    private static final String VMDK = "/vms/web/disk0.vmdk";

    Testbed tb;
    ZfsService zfs;
    String original;
    int mib = 8;

    @TempDir
    Path state;

    @BeforeAll
    void pools(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshPool("mfrom", 3);
        tb.freshPool("mto", 4);
        zfs = new ZfsService(tb.runner());
    }

    @BeforeEach
    void sourceWithKnownData() throws Exception {
        for (String parent : List.of("mfrom/vm", "mto/vm")) {
            if (zfs.dataset(parent).isPresent()) {
                zfs.destroy(parent, DestroyFlags.RECURSIVE);
            }
            zfs.createDataset(parent, Map.of());
        }
        zfs.createZvol(SRC, "256M", true, "16K", Map.of());
        original = tb.writeRandom(SRC_DEV, mib);
    }

    private ZvolLookup zvols() {
        return device -> {
            String name = device.replaceFirst("^/dev/zvol/", "");
            Optional<Dataset> d;
            try {
                d = zfs.dataset(name);
            } catch (dev.sluice.zfs.ZfsException e) {
                return Optional.empty();
            }
            return d.map(ds -> new ZvolFacts(ds.name(), ds.volsize(), switch (ds.keyStatus()) {
                case AVAILABLE -> ZvolFacts.KeyStatus.AVAILABLE;
                case UNAVAILABLE -> ZvolFacts.KeyStatus.UNAVAILABLE;
                case NONE -> ZvolFacts.KeyStatus.NONE;
            }, ds.encryptionRoot()));
        };
    }


    // ------------------------------------------------------------------ VirtualBox (test double + real zvols)

    private final class VBoxWorld {
        final FakeVBoxManage fake = new FakeVBoxManage("7.0.14r161095");
        final RoutedRunner runner = new RoutedRunner(tb.runner(), fake, this::syncDevices);
        final VBoxService vbox = new VBoxService(runner, new Preflight(new PathProbe(runner), zvols(), p -> 0));
        final String uuid;

        VBoxWorld() throws Exception {
            FakeVBoxManage.Vm vm = fake.addVm("web").controller("SATA", "IntelAhci", 4);
            vbox.createRawVmdk(VMDK, SRC_DEV);
            vbox.attachDisk(vm.uuid(), "SATA", 0, 0, VMDK, true);
            uuid = vm.uuid();
            vbox.start(uuid);
        }

        void syncDevices(FakeVBoxManage f) {
            for (String dev : List.of(SRC_DEV, DST_DEV)) {
                try {
                    if (tb.shAllowingFailure("test -b " + dev).ok()) {
                        f.addDevice(dev, 256L << 20);
                    } else if (f.exists(dev)) {
                        f.removeFile(dev);
                    }
                } catch (CommandException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        GuestControl guest(GuestRef ref) {
            return new VBoxGuest(vbox, VBoxVersion.parse("7.0.14r161095"), uuid, "web", "SATA", 0, 0, VMDK, Duration.ofSeconds(10));
        }

        GuestRef ref() {
            return new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, uuid, "web", VBoxGuest.slot("SATA", 0, 0), SRC_DEV, true);
        }

        String diskDevice() throws Exception {
            VBoxVm vm = vbox.vm(uuid);
            List<VBoxDisk> disks = vbox.disks(vm);
            return disks.get(0).device().orElse("none");
        }

        boolean running() throws Exception {
            return vbox.vm(uuid).state().isOnline();
        }
    }

    @Test
    void virtualBoxGuestMovesWithItsData() throws Exception {
        VBoxWorld w = new VBoxWorld();
        MigrationStore store = new MigrationStore(state);
        MigrationRecord plan = new MigrationPlanner(zfs, w::guest, "testbed")
                .plan(MigrationRequest.of(SRC, "mto/vm", MigrationOptions.safeDefaults(), w.ref()));
        Migration m = new Migration(plan, store);
        MigrationState end = new MigrationEngine(new ZvolMigrationActions(zfs, w::guest), (s, p) -> { }).run(m, TaskContext.NONE);

        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
        assertEquals(original, tb.sha256(DST_DEV, mib));
        assertEquals(DST_DEV, w.diskDevice(), "the VM's raw VMDK now points at the new zvol");
        assertTrue(w.running(), "the guest runs again");
        System.err.printf("[migration] VirtualBox guest downtime: %.2f s%n", m.record().downtime().orElseThrow().toMillis() / 1000.0);
    }

    /** Fails right after a step did its work, to prove its undo (and every earlier one) restores the start. */
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

    @ParameterizedTest
    // the longest chain of undos: a failure at the re-point, undone back through the final transfer (a partial
    // target), the detach and the stop. A failure once the guest started on the new disk is past the point of no
    // return and is never undone (the next test). MigrationFaultMatrixIT runs every step, failed and killed, for
    // QEMU and VirtualBox (-Dsluice.faultmatrix=full); CI keeps this one here to stay in its time budget
    @EnumSource(value = StepKind.class, names = {"REPOINT_DISK"})
    void aFailureAtAnyStepRestoresTheOriginalState(StepKind failing) throws Exception {
        VBoxWorld w = new VBoxWorld();
        MigrationRecord plan = new MigrationPlanner(zfs, w::guest, "testbed")
                .plan(MigrationRequest.of(SRC, "mto/vm", MigrationOptions.safeDefaults(), w.ref()));
        Migration m = new Migration(plan, new MigrationStore(state));
        MigrationState end = new MigrationEngine(new FailAfter(new ZvolMigrationActions(zfs, w::guest), failing), (s, p) -> { })
                .run(m, TaskContext.NONE);

        assertEquals(MigrationState.ROLLED_BACK, end, m.record().error() + "\n" + m.record().stateReport());
        assertTrue(m.record().error().contains("injected failure after " + failing), m.record().error());
        assertEquals(original, tb.sha256(SRC_DEV, mib), "the source still holds its data");
        assertTrue(zfs.dataset(DST).isEmpty(), "nothing is left on the target");
        assertTrue(zfs.snapshots(SRC).stream().noneMatch(s -> s.name().contains("sluice-mig")), "no migration snapshots left");
        assertEquals(SRC_DEV, w.diskDevice(), "the VM is back on its original disk");
        assertTrue(w.running(), "the guest was running before, so it runs again");
    }

    @Test
    void aFailureAfterTheGuestStartedOnTheNewDiskUndoesNothing() throws Exception {
        VBoxWorld w = new VBoxWorld();
        MigrationRecord plan = new MigrationPlanner(zfs, w::guest, "testbed")
                .plan(MigrationRequest.of(SRC, "mto/vm", MigrationOptions.safeDefaults(), w.ref()));
        Migration m = new Migration(plan, new MigrationStore(state));
        MigrationState end = new MigrationEngine(new FailAfter(new ZvolMigrationActions(zfs, w::guest), StepKind.START_GUEST),
                (s, p) -> { }).run(m, TaskContext.NONE);

        assertEquals(MigrationState.NEEDS_ATTENTION, end, m.record().error() + "\n" + m.record().stateReport());
        assertTrue(m.record().error().contains("injected failure after START_GUEST"), m.record().error());
        assertEquals(original, tb.sha256(DST_DEV, mib), "the target holds the data the guest now runs on");
        assertEquals(DST_DEV, w.diskDevice(), "the VM stays on its new disk: nothing it writes from now on is destroyed");
        assertTrue(w.running(), "the guest keeps running");
        assertTrue(zfs.dataset(SRC).isPresent(), "the source is not destroyed either: finishing is the user's choice");
    }

    // ------------------------------------------------------------------ crash mid-receive, then resume

    @Test
    void aReceiveKilledMidStreamIsResumedAfterARestart() throws Exception {
        mib = 160;
        original = tb.writeRandom(SRC_DEV, mib);
        MigrationStore store = new MigrationStore(state);
        MigrationOptions o = new MigrationOptions(false, false, false, false, false, Map.of());
        MigrationRecord plan = new MigrationPlanner(zfs, r -> GuestControl.NONE, "testbed")
                .plan(MigrationRequest.of(SRC, "mto/vm", o, GuestRef.none()));
        AtomicBoolean killed = new AtomicBoolean();
        StepActions real = new ZvolMigrationActions(zfs, r -> GuestControl.NONE);
        StepActions crashing = new StepActions() {
            @Override
            public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                // once the send is killed, Sluice "is dying": it must not resume the broken stream by itself (which
                // it would do from the receive's token when alive), so the step sees itself cancelled
                StepContext dying = new StepContext() {
                    @Override
                    public void progress(dev.sluice.task.Progress p) {
                        ctx.progress(p);
                    }

                    @Override
                    public boolean isCancelled() {
                        return killed.get() || ctx.isCancelled();
                    }

                    @Override
                    public void onCancel(Runnable action) {
                        ctx.onCancel(action);
                    }

                    @Override
                    public void note(String message) {
                        ctx.note(message);
                    }
                };
                try {
                    real.execute(step, r, dying);
                } catch (Exception e) {
                    if (killed.get()) {
                        throw new Error("Sluice 'crashed' while the receive was interrupted", e);
                    }
                    throw e;
                }
            }

            @Override
            public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                real.undo(step, r, ctx);
            }
        };
        MigrationEngine first = new MigrationEngine(crashing, (step, p) -> {
            if (step.kind() == StepKind.FINAL_SEND && p.done() > 0 && killed.compareAndSet(false, true)) {
                try {
                    tb.sh("pkill -9 -f '^zfs send'");
                } catch (CommandException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        try {
            first.run(new Migration(plan, store), TaskContext.NONE);
        } catch (Error expected) {
            // the JVM "died": what is left is the persisted record and the partial receive
        }
        assertTrue(killed.get(), "the send was killed mid-stream");
        assertTrue(zfs.resumeToken(DST).isPresent(), "the partial receive left a resume token");

        // the "dead" Sluice is this JVM: its lease stays until it is seen as gone (here: from an earlier boot)
        assertTrue(store.unfinished().isEmpty(), "a migration whose owner lives is never offered as interrupted");
        MigrationRecord crashed = store.all().get(0);
        store.save(crashed.withOwner(new OwnerLease(crashed.owner().pid(), crashed.owner().processStart(), "an-earlier-boot",
                crashed.owner().heartbeat())));
        List<MigrationRecord> found = store.unfinished();
        assertEquals(1, found.size());
        assertEquals(MigrationState.INTERRUPTED, found.get(0).state());
        Migration again = new Migration(found.get(0), store);
        assertEquals(MigrationState.SUCCEEDED, new MigrationEngine(real, (s, p) -> { }).run(again, TaskContext.NONE),
                again.record().error());
        assertTrue(again.record().steps().stream().anyMatch(s -> s.message().contains(MigrationText.t("migrate.engine.resumedTransfer"))), again.record().stateReport());
        assertEquals(original, tb.sha256(DST_DEV, mib));
    }

    // ------------------------------------------------------------------ a real QEMU guest inside the testbed

    @Test
    void qemuGuestMovesWithItsDataAndRunsOnTheNewDisk() throws Exception {
        Path cfg = Files.createTempDirectory(state, "qemu");
        QemuVmStore vms = new QemuVmStore(cfg);
        vms.save(new QemuVmDefinition("web", 1, 64, List.of(QemuDrive.zvol(SRC_DEV)), QemuVmDefinition.Nic.NONE,
                QemuVmDefinition.Display.none()));
        QemuRunPaths paths = new QemuRunPaths("/run/sluice-qemu");
        Preflight preflight = new Preflight(new PathProbe(tb.runner()), zvols(), p -> 0);
        QemuVmService qemu = new QemuVmService(tb.runner(), vms, paths, preflight, QmpConnector.forRunner(tb.runner()), Accel.TCG);
        try {
            qemu.start("web");
            GuestRef ref = new GuestRef(GuestRef.Hypervisor.QEMU, "web", "web", "drive0", SRC_DEV, true);
            java.util.function.Function<GuestRef, GuestControl> guests = r -> new QemuGuest(qemu, "web", SRC_DEV, Duration.ofSeconds(3));
            MigrationRecord plan = new MigrationPlanner(zfs, guests, "testbed")
                    .plan(MigrationRequest.of(SRC, "mto/vm", MigrationOptions.safeDefaults(), ref));
            Migration m = new Migration(plan, new MigrationStore(state));
            MigrationState end = new MigrationEngine(new ZvolMigrationActions(zfs, guests), (s, p) -> { }).run(m, TaskContext.NONE);

            assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
            assertEquals(original, tb.sha256(DST_DEV, mib));
            assertEquals(DST_DEV, vms.find("web").orElseThrow().drives().get(0).source());
            assertEquals(QemuVmState.RUNNING, qemu.state("web"));
            assertEquals("running", qemu.queryStatus("web").status());
            System.err.printf("[migration] QEMU guest downtime: %.2f s%n", m.record().downtime().orElseThrow().toMillis() / 1000.0);
        } finally {
            var pid = tb.shAllowingFailure("cat " + paths.pidFile("web"));
            if (pid.ok()) {
                tb.shAllowingFailure("kill -KILL " + pid.stdout().strip());
            }
            qemu.detachAll();
        }
    }
}
