package dev.sluice.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightFailed;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.qemu.qmp.BlockStats;
import dev.sluice.qemu.qmp.CommandTransport;
import dev.sluice.qemu.qmp.QmpClient;
import dev.sluice.qemu.qmp.QmpStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real qemu-system-x86_64 under TCG with no guest OS: the firmware alone answers QMP, and nobody
 * answers the ACPI button, so a stop always ends FORCED after its timeout.
 */
class RealQemuVmTest {
    @TempDir
    Path tmp;

    private final ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
    private final List<Long> pids = new ArrayList<>();
    private QemuVmStore store;
    private QemuRunPaths paths;
    private QemuImg qemuImg;
    private Path image;

    @BeforeEach
    void setUp() throws Exception {
        store = new QemuVmStore(tmp.resolve("config/qemu"));
        paths = new QemuRunPaths(tmp.resolve("run").toString());
        qemuImg = new QemuImg(runner);
        image = tmp.resolve("disk.qcow2");
        qemuImg.create(image.toString(), ImageFormat.QCOW2, 64L << 20, Preallocation.OFF);
        store.save(new QemuVmDefinition("fw-only", 1, 64,
                List.of(QemuDrive.image(image.toString(), QemuDrive.Format.QCOW2).withQueues(2).withDeclaredSize(64L << 20)),
                QemuVmDefinition.Nic.NONE, QemuVmDefinition.Display.none()));
    }

    @AfterEach
    void killLeftovers() throws Exception {
        Path run = tmp.resolve("run");
        if (Files.isDirectory(run)) {
            try (var files = Files.list(run)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    pids.add(Long.parseLong(Files.readString(p).strip()));
                }
            }
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private QemuVmService service() {
        Preflight preflight = new Preflight(new PathProbe(runner), dev -> Optional.empty(), p -> qemuImg.info(p).virtualSize());
        return new QemuVmService(runner, store, paths, preflight, QmpConnector.local(), Accel.TCG);
    }

    @Test
    void startQueryStopAndReattach() throws Exception {
        QemuVmService svc = service();
        List<QemuVmState> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        svc.addStateListener((n, s) -> seen.add(s));

        svc.start("fw-only");
        long pid = svc.list().get(0).pid().orElseThrow();
        pids.add(pid);
        assertEquals(QemuVmState.RUNNING, svc.state("fw-only"));
        QmpStatus st = svc.queryStatus("fw-only");
        assertEquals("running", st.status());
        assertTrue(st.running());
        List<BlockStats> stats = svc.blockStats("fw-only");
        assertEquals("drive0", stats.get(0).device());

        // Sluice "restarts": it lets go of the VM, and a new instance finds it by pidfile + QMP socket
        svc.detachAll();
        QemuVmService after = service();
        assertEquals(QemuVmState.STOPPED, after.state("fw-only"));
        assertEquals(List.of("fw-only"), after.reattach());
        assertEquals(QemuVmState.RUNNING, after.state("fw-only"));
        assertEquals(pid, after.list().get(0).pid().orElseThrow());
        assertEquals("running", after.queryStatus("fw-only").status());

        // Start on a VM that is already running takes it over instead of starting a second QEMU
        after.detachAll();
        QemuVmService third = service();
        third.start("fw-only");
        assertEquals(pid, third.list().get(0).pid().orElseThrow());
        third.detachAll();
        assertEquals(List.of("fw-only"), after.reattach());

        // no OS answers the ACPI button: quit after the timeout
        assertEquals(QemuVmService.StopOutcome.FORCED, after.stop("fw-only", Duration.ofMillis(500)));
        assertEquals(QemuVmState.STOPPED, after.state("fw-only"));
        assertTrue(gone(pid));
        assertFalse(Files.exists(Path.of(paths.pidFile("fw-only"))));
        assertEquals(List.of(QemuVmState.STARTING, QemuVmState.RUNNING), seen);

    }

    /** Exited: a daemonized QEMU is reparented to pid 1, which may leave a zombie (empty cmdline) for a while. */
    private static boolean gone(long pid) throws Exception {
        Path cmdline = Path.of("/proc/" + pid + "/cmdline");
        return !Files.exists(cmdline) || Files.readAllBytes(cmdline).length == 0;
    }

    private static QemuVmState waitForState(QemuVmService svc, QemuVmState... any) throws Exception {
        for (int i = 0; i < 50; i++) {
            QemuVmState s = svc.supervise("fw-only");
            if (List.of(any).contains(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        return svc.state("fw-only");
    }

    @Test
    void killedProcessIsCrashed() throws Exception {
        QemuVmService svc = service();
        svc.start("fw-only");
        long pid = svc.list().get(0).pid().orElseThrow();
        pids.add(pid);
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
        h.destroyForcibly();
        h.onExit().get();
        assertEquals(QemuVmState.CRASHED, waitForState(svc, QemuVmState.CRASHED));
        svc.start("fw-only"); // a crashed VM can start again
        pids.add(svc.list().get(0).pid().orElseThrow());
        svc.powerOff("fw-only");
        assertEquals(QemuVmState.STOPPED, svc.state("fw-only"));
    }

    @Test
    void vmWhoseSocketVanishedIsStillStoppedByPid() throws Exception {
        QemuVmService svc = service();
        svc.start("fw-only");
        long pid = svc.list().get(0).pid().orElseThrow();
        pids.add(pid);
        svc.detachAll();
        Files.delete(Path.of(paths.qmpSocket("fw-only")));
        QemuVmService after = service();
        assertEquals(List.of("fw-only"), after.reattach());
        assertEquals(QemuVmState.RUNNING, after.state("fw-only"));
        QemuVmException e = assertThrows(QemuVmException.class, () -> after.queryStatus("fw-only"));
        assertTrue(e.getMessage().startsWith("Sluice is not connected to fw-only's QMP socket, so it cannot ask QEMU (Cannot "
                + "connect to the VM's QMP socket"), e.getMessage());
        assertTrue(e.getMessage().endsWith("If that keeps failing, Power off stops the VM by its process id."), e.getMessage());
        after.powerOff("fw-only");
        assertTrue(gone(pid));
        assertEquals(QemuVmState.STOPPED, after.state("fw-only"));
    }

    /**
     * The app's re-attach may run while another program (a tool, a second Sluice that is closing) still holds the one
     * QMP session QEMU serves: the VM shows as running, the reason is kept, and the next caller that needs QEMU
     * connects once the socket is free.
     */
    @Test
    void reattachWhileAnotherClientHoldsQmpConnectsWhenItIsFree() throws Exception {
        QemuVmService svc = service();
        svc.start("fw-only");
        long pid = svc.list().get(0).pid().orElseThrow();
        pids.add(pid);
        svc.detachAll();
        QemuVmService after = service();
        after.greetingTimeout(Duration.ofSeconds(2));
        try (QmpClient holder = QmpClient.connect(QmpConnector.local().transportFor(paths.qmpSocket("fw-only")), Duration.ofSeconds(10))) {
            assertEquals("running", holder.queryStatus().status());
            assertEquals(List.of("fw-only"), after.reattach());
            assertEquals(QemuVmState.RUNNING, after.state("fw-only"));
            QemuVmException e = assertThrows(QemuVmException.class, () -> after.session("fw-only"));
            assertTrue(e.getMessage().contains("did not answer the QMP greeting within 2 s"), e.getMessage());
        }
        // the holder let go: a caller about to drive QEMU connects at once
        assertEquals("running", after.session("fw-only").queryStatus().status());
        assertEquals("running", after.queryStatus("fw-only").status());
        after.powerOff("fw-only");
        assertTrue(gone(pid));
    }

    @Test
    void qmpThroughSocatCommandStream() throws Exception {
        QemuVmService svc = service();
        svc.start("fw-only");
        pids.add(svc.list().get(0).pid().orElseThrow());
        svc.detachAll(); // QEMU serves one QMP client at a time
        // what an SSH host uses: socat's stdin/stdout carry the socket, via runner.startInteractive
        try (QmpClient qmp = QmpClient.connect(CommandTransport.socat(runner, paths.qmpSocket("fw-only")), Duration.ofSeconds(10))) {
            assertEquals("running", qmp.queryStatus().status());
            assertEquals(1, qmp.queryBlockstats().size());
            qmp.execute("stop");
            assertEquals("paused", qmp.queryStatus().status());
            qmp.execute("cont");
        }
        // hosts without socat: the python3 bridge
        try (QmpClient qmp = QmpClient.connect(CommandTransport.python3(runner, paths.qmpSocket("fw-only")), Duration.ofSeconds(10))) {
            assertEquals("running", qmp.queryStatus().status());
        }
        QemuVmService again = service();
        assertEquals(List.of("fw-only"), again.reattach());
        again.powerOff("fw-only");
        assertEquals(QemuVmState.STOPPED, again.state("fw-only"));
    }

    @Test
    void preflightStopsStartWhenTheImageIsGone() throws Exception {
        Files.delete(image);
        QemuVmService svc = service();
        PreflightFailed e = assertThrows(PreflightFailed.class, () -> svc.start("fw-only"));
        assertEquals(PreflightProblem.Kind.MISSING_BACKING, e.problems().get(0).kind());
        assertEquals("The VM fw-only was not started: disk0: The image " + image + " does not exist. "
                + "Restore it, or point the disk at another image in the VM's settings.", e.getMessage());
        assertEquals(QemuVmState.STOPPED, svc.state("fw-only"));
    }

    @Test
    void qemuRefusingToStartIsTyped() throws Exception {
        // a raw file declared qcow2: qemu-system refuses it before daemonizing
        Path raw = tmp.resolve("plain.img");
        Files.write(raw, new byte[1 << 20]);
        store.save(new QemuVmDefinition("bad", 1, 64, List.of(QemuDrive.image(raw.toString(), QemuDrive.Format.QCOW2)),
                QemuVmDefinition.Nic.NONE, QemuVmDefinition.Display.none()));
        QemuVmService svc = service();
        QemuVmException e = assertThrows(QemuVmException.class, () -> svc.start("bad"));
        assertInstanceOf(QemuVmException.StartFailed.class, e);
        assertTrue(e.getMessage().startsWith("QEMU could not start bad: "), e.getMessage());
        assertTrue(e.getMessage().contains("qcow2"), e.getMessage());
        assertEquals(QemuVmState.STOPPED, svc.state("bad"));
    }
}
