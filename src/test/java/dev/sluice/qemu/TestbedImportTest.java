package dev.sluice.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.ShellQuote;
import dev.sluice.host.Transport;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.qemu.preflight.ZvolFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On the OpenZFS testbed guest (src/test/testbed, started with its env exported): import a
 * qcow2 image into a new zvol sized by {@link QemuImg#zvolSizeFor} and compare checksums; then
 * preflight that zvol with its key unloaded. Reaches the guest through the testbed's ssh wrapper
 * ($TESTBED_SSH) until the SSH transport lands on main.
 */
@Tag("testbed")
class TestbedImportTest {

    /** Runs argv on the guest through the testbed's ssh wrapper script. */
    record WrapperTransport(String wrapper) implements Transport {
        @Override
        public String hostName() {
            return "testbed";
        }

        @Override
        public List<String> wrap(List<String> argv) {
            return List.of(wrapper, ShellQuote.join(argv));
        }

        @Override
        public List<String> wrapShell(String script) {
            return List.of(wrapper, script);
        }

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public boolean isTransportFailure(int exitCode, String stderr) {
            return exitCode == 255;
        }
    }

    @Test
    void importImageIntoZvolKeepsEveryByte() throws Exception {
        String ssh = System.getenv("TESTBED_SSH");
        Assumptions.assumeTrue(ssh != null, "start the testbed and export its env (eval \"$(src/test/testbed/start.sh)\")");
        ProcessCommandRunner guest = new ProcessCommandRunner(Host.ssh("testbed", 0, null, Elevation.NONE),
                new WrapperTransport(ssh), new CommandJournal());
        String pool = "sluicevm";
        if (!guest.runAllowingFailure(Command.of("zpool", "list", "-H", pool)).ok()) {
            guest.run(Command.of("zpool", "create", "-f", pool, "/dev/disk/by-id/virtio-tb-disk2"));
        }
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
