package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.qemu.Accel;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuRunPaths;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: the review page's QEMU start step shows the real qemu-system argv, with the drive already on the new disk. */
class QemuStartCommandTest {

    @TempDir
    Path dir;

    @Test
    void theStartStepIsTheRealCommandLineOnTheNewDevice() throws Exception {
        QemuVmStore store = new QemuVmStore(dir);
        store.save(new QemuVmDefinition("web", 1, 64, List.of(QemuDrive.zvol("/dev/zvol/rpool/vm/web")), QemuVmDefinition.Nic.NONE,
                QemuVmDefinition.Display.none()));
        QemuVmService qemu = new QemuVmService(new ScriptedRunner(), store, new QemuRunPaths("/run/user/1000/sluice/qemu"), null, null,
                Accel.TCG);
        QemuGuest guest = new QemuGuest(qemu, "web", "/dev/zvol/rpool/vm/web", Duration.ofSeconds(90));
        List<List<String>> start = guest.startCommands("/dev/zvol/tank/vm/web");
        assertEquals(1, start.size());
        List<String> argv = start.get(0);
        assertEquals("qemu-system-x86_64", argv.get(0));
        assertTrue(argv.stream().anyMatch(a -> a.startsWith("file=/dev/zvol/tank/vm/web,")), argv.toString());
        assertTrue(argv.stream().noneMatch(a -> a.contains("rpool/vm/web")), "not the old disk: " + argv);
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("#")), argv.toString());
        assertEquals("/dev/zvol/rpool/vm/web", store.find("web").orElseThrow().drives().get(0).source(), "planning changes nothing");
    }

    @Test
    void aRollBackAfterTheDriveWasRepointedPutsItBackOnTheOldDevice() throws Exception {
        // fault matrix "QEMU fail at REPOINT_DISK": undoing the re-point left the drive on the target, so undoing
        // the detach found no drive on the old device, and the roll back stopped half done (NEEDS_ATTENTION)
        String src = "/dev/zvol/rpool/vm/web";
        String dst = "/dev/zvol/tank/vm/web";
        QemuVmStore store = new QemuVmStore(dir);
        store.save(new QemuVmDefinition("web", 1, 64, List.of(QemuDrive.zvol(src)), QemuVmDefinition.Nic.NONE,
                QemuVmDefinition.Display.none()));
        QemuVmService qemu = new QemuVmService(new ScriptedRunner(), store, new QemuRunPaths("/run/user/1000/sluice/qemu"), null, null,
                Accel.TCG);
        QemuGuest guest = new QemuGuest(qemu, "web", src, Duration.ofSeconds(90));
        ZvolMigrationActions actions = new ZvolMigrationActions(null, ref -> guest);
        MigrationRecord r = new MigrationRecord("m1", "local", java.time.Instant.now(), "rpool/vm/web", "tank/vm/web",
                MigrationOptions.safeDefaults(), new GuestRef(GuestRef.Hypervisor.QEMU, "web", "web", "disk0", src, true),
                MigrationState.RUNNING, List.of(), null, null, "");
        java.util.Map<String, String> p = java.util.Map.of("sourceDevice", src, "targetDevice", dst);
        MigrationStep detach = MigrationStep.planned(3, StepKind.DETACH_DISK, "detach", p, List.of());
        MigrationStep repoint = MigrationStep.planned(7, StepKind.REPOINT_DISK, "repoint", p, List.of());
        StepContext ctx = new StepContext() {
            @Override
            public void progress(dev.sluice.task.Progress x) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }

            @Override
            public void note(String message) {
            }
        };
        actions.execute(detach, r, ctx);
        actions.execute(repoint, r, ctx);
        assertEquals(dst, store.find("web").orElseThrow().drives().get(0).source());

        actions.undo(repoint, r, ctx);
        actions.undo(detach, r, ctx);
        assertEquals(src, store.find("web").orElseThrow().drives().get(0).source(), "back on its own disk");
    }

    @Test
    void aVmWhoseDefinitionIsGoneIsRefusedRatherThanShownAsAComment() {
        QemuVmService qemu = new QemuVmService(new ScriptedRunner(), new QemuVmStore(dir), new QemuRunPaths("/run/q"), null, null,
                Accel.TCG);
        QemuGuest guest = new QemuGuest(qemu, "gone", "/dev/zvol/rpool/vm/web", Duration.ofSeconds(90));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> guest.startCommands("/dev/zvol/tank/vm/web"));
        assertEquals("The QEMU VM definition 'gone' is gone; re-create it and point its drive at /dev/zvol/tank/vm/web.", e.getMessage());
    }
}
