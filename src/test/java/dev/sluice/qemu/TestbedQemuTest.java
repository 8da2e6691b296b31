package dev.sluice.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.qemu.preflight.ZvolFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import org.junit.jupiter.api.Test;

/**
 * On the OpenZFS testbed guest (src/test/testbed, started with its env exported): import a
 * qcow2 image into a new zvol sized by {@link QemuImg#zvolSizeFor} and compare checksums; then
 * preflight that zvol; run a QEMU VM on a zvol in the guest with QMP reached over SSH (Sluice's own
 * SSH transport, through the shared testbed guest).
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestbedQemuTest {

    private static final String POOL = "sluicevm";

    private ProcessCommandRunner guest;

    @BeforeAll
    void pool(Testbed tb) throws Exception {
        tb.freshPool(POOL, 2);
        guest = (ProcessCommandRunner) tb.runner();
    }

    private ProcessCommandRunner guest() {
        return guest;
    }

    @Test
    void qemuVmOnAZvolWithQmpOverSsh() throws Exception {
        ProcessCommandRunner guest = guest();
        guest.runAllowingFailure(Command.of("zfs", "destroy", "-r", POOL + "/vmdisk"));
        guest.run(Command.of("zfs", "create", "-V", "16M", POOL + "/vmdisk"));
        guest.run(Command.of("udevadm", "settle"));
        String device = "/dev/zvol/" + POOL + "/vmdisk";
        java.nio.file.Path cfg = java.nio.file.Files.createTempDirectory("sluice-testbed-qemu");
        QemuVmStore store = new QemuVmStore(cfg);
        store.save(new QemuVmDefinition("tb-fw", 1, 64, List.of(QemuDrive.zvol(device).withQueues(2).withDeclaredSize(16L << 20)),
                QemuVmDefinition.Nic.NONE, QemuVmDefinition.Display.none()));
        QemuRunPaths paths = new QemuRunPaths("/run/sluice-qemu");
        Preflight preflight = new Preflight(new PathProbe(guest), dev -> Optional.of(
                new ZvolFacts(POOL + "/vmdisk", 16L << 20, ZvolFacts.KeyStatus.NONE, null)), p -> 0);
        QemuVmService svc = new QemuVmService(guest, store, paths, preflight, QmpConnector.forRunner(guest), Accel.TCG);
        try {
            svc.start("tb-fw");
            assertEquals(QemuVmState.RUNNING, svc.state("tb-fw"));
            assertEquals("running", svc.queryStatus("tb-fw").status());
            assertEquals("drive0", svc.blockStats("tb-fw").get(0).device());
            svc.detachAll();
            QemuVmService again = new QemuVmService(guest, store, paths, preflight, QmpConnector.forRunner(guest), Accel.TCG);
            assertEquals(List.of("tb-fw"), again.reattach());
            assertEquals(QemuVmService.StopOutcome.FORCED, again.stop("tb-fw", java.time.Duration.ofSeconds(1)));
            assertEquals(QemuVmState.STOPPED, again.state("tb-fw"));
        } finally {
            var pid = guest.runAllowingFailure(Command.of("cat", paths.pidFile("tb-fw")));
            if (pid.ok()) {
                guest.runAllowingFailure(Command.of("kill", "-KILL", pid.stdout().strip()));
            }
            guest.runAllowingFailure(Command.of("zfs", "destroy", "-r", POOL + "/vmdisk"));
        }
    }

    @Test
    void importImageIntoZvolKeepsEveryByte() throws Exception {
        ProcessCommandRunner guest = guest();
        String pool = POOL;
        guest.runAllowingFailure(Command.of("zfs", "destroy", "-r", pool + "/imp"));
        guest.run(Command.of("rm", "-f", "/root/seed.qcow2", "/root/seed.raw"));

        QemuImg img = new QemuImg(guest);
        img.create("/root/seed.qcow2", ImageFormat.QCOW2, 48L << 20, Preallocation.OFF);
        // a pattern at two offsets and a hole between: import must keep data and stay thin
        guest.run(Command.of("qemu-io", "-f", "qcow2", "-c", "write -P 0x5a 0 4M", "-c", "write -P 0xa5 40M 2M", "/root/seed.qcow2"));
        long size = img.zvolSizeFor("/root/seed.qcow2");
        assertEquals(48L << 20, size);
        guest.run(Command.of("zfs", "create", "-V", Long.toString(size), "-o", "volblocksize=16k", pool + "/imp"));
        guest.run(Command.of("udevadm", "settle"));

        String device = "/dev/zvol/" + pool + "/imp";
        RecordingContext ctx = new RecordingContext();
        img.importIntoZvol("/root/seed.qcow2", device, true, ctx);
        assertTrue(ctx.reports().stream().anyMatch(p -> p.done() == size), "progress reached 100%");

        img.convert("/root/seed.qcow2", "/root/seed.raw", ImageFormat.RAW, new RecordingContext());
        String want = guest.run(Command.of("sha256sum", "/root/seed.raw")).stdout().split(" ")[0];
        String got = guest.run(Command.of("sha256sum", device)).stdout().split(" ")[0];
        assertEquals(want, got);

        // preflight sees the zvol as the guest's hypervisor would
        Preflight preflight = new Preflight(new PathProbe(guest), dev -> Optional.of(
                new ZvolFacts(pool + "/imp", size, ZvolFacts.KeyStatus.NONE, null)), p -> 0);
        List<PreflightProblem> none = preflight.check(List.of(
                dev.sluice.qemu.preflight.DiskBacking.zvol("disk0", device, size, false)));
        assertEquals(List.of(), none);

        guest.run(Command.of("zfs", "destroy", "-r", pool + "/imp"));
    }
}
