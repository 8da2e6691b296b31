package dev.sluice.qemu;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandRunner;
import dev.sluice.qemu.preflight.DiskBacking;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightFailed;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.qemu.qmp.BlockStats;
import dev.sluice.qemu.qmp.QmpClient;
import dev.sluice.qemu.qmp.QmpException;
import dev.sluice.qemu.qmp.QmpStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Runs the QEMU VMs of one host: start (after preflight), supervise, stop gracefully
 * (system_powerdown, wait for SHUTDOWN, then quit), power off, and re-attach to VMs that kept
 * running while Sluice was closed. Blocking methods: call them from background tasks.
 */
public final class QemuVmService {

    /** How a stop ended: the guest shut down by itself, or QEMU was told to quit after the timeout. */
    public enum StopOutcome { GRACEFUL, FORCED }

    // over SSH the bridge is an ssh session plus a python3 start on the host: seconds on a busy or slow host
    private static final Duration QMP_TIMEOUT = Duration.ofSeconds(30);
    /** QEMU answers a free QMP socket at once, also over SSH; silence means another client holds it. */
    private Duration greetingTimeout = Duration.ofSeconds(10);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final CommandRunner runner;
    private final QemuVmStore store;
    private final QemuRunPaths paths;
    private final Preflight preflight;
    private final QmpConnector connector;
    private final Accel accel;
    private final QemuProcesses processes;
    private final Map<String, RunningVm> vms = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, QemuVmState>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A VM's runtime side: lifecycle, pid, QMP session, and whether the guest asked to shut down. */
    private static final class RunningVm {
        final QemuVmLifecycle lifecycle = new QemuVmLifecycle(QemuVmState.STOPPED);
        volatile long pid = -1;
        volatile QmpClient qmp;
        volatile boolean shutdownSeen;
        /** Why the last attempt to open a QMP session failed (null: none failed), and when it was made. */
        volatile String qmpProblem;
        volatile long qmpTriedAt;
    }

    /** A VM found running without a QMP session is asked again at most this often by polling callers. */
    private static final long QMP_RETRY_NANOS = Duration.ofSeconds(15).toNanos();

    public QemuVmService(CommandRunner runner, QemuVmStore store, QemuRunPaths paths, Preflight preflight,
                         QmpConnector connector, Accel accel) {
        this.runner = runner;
        this.store = store;
        this.paths = paths;
        this.preflight = preflight;
        this.connector = connector;
        this.accel = accel;
        this.processes = new QemuProcesses(runner, paths);
    }

    /** Where this service keeps its VMs' pid files and QMP sockets on the host. */
    public QemuRunPaths paths() {
        return paths;
    }

    public QemuVmStore store() {
        return store;
    }

    /** Hears every state change of every VM (name, new state), on the thread that made it. */
    public void addStateListener(BiConsumer<String, QemuVmState> l) {
        listeners.add(l);
    }

    public List<QemuVmStatus> list() {
        List<QemuVmStatus> out = new ArrayList<>();
        for (QemuVmDefinition d : store.list()) {
            RunningVm r = vm(d.name());
            out.add(new QemuVmStatus(d, r.lifecycle.state(), r.pid > 0 ? OptionalLong.of(r.pid) : OptionalLong.empty()));
        }
        return out;
    }

    public QemuVmState state(String name) {
        return vm(name).lifecycle.state();
    }

    public List<String> commandLine(String name) throws QemuVmException {
        return QemuCommandLine.build(definition(name), paths, accel);
    }

    /** The argv a start of {@code def} would run on this host (run paths and accelerator included). */
    public List<String> commandLine(QemuVmDefinition def) {
        return QemuCommandLine.build(def, paths, accel);
    }

    public List<PreflightProblem> preflight(String name) throws QemuVmException, CommandException {
        return preflight.check(backings(definition(name)));
    }

    static List<DiskBacking> backings(QemuVmDefinition d) {
        List<DiskBacking> out = new ArrayList<>();
        for (int i = 0; i < d.drives().size(); i++) {
            QemuDrive q = d.drives().get(i);
            String label = "disk" + i;
            out.add(q.backing() == QemuDrive.Backing.ZVOL
                    ? DiskBacking.zvol(label, q.source(), q.declaredSizeBytes(), q.readOnly())
                    : DiskBacking.image(label, q.source(), q.declaredSizeBytes(), q.readOnly()));
        }
        return out;
    }

    /** Preflight, then qemu-system with -daemonize; returns once QMP answers. */
    public void start(String name) throws QemuVmException, PreflightFailed, CommandException, QmpException {
        QemuVmDefinition def = definition(name);
        RunningVm vm = vm(name);
        QemuVmState from = vm.lifecycle.state();
        if (!from.canStart() || !vm.lifecycle.transition(from, QemuVmState.STARTING)) {
            throw new QemuVmException.WrongState(name, vm.lifecycle.state(), "start");
        }
        boolean ok = false;
        try {
            List<PreflightProblem> blocking = Preflight.blocking(preflight.check(backings(def)));
            if (!blocking.isEmpty()) {
                throw new PreflightFailed(name, blocking);
            }
            processes.prepareRunDir();
            OptionalLong running = processes.pidFromFile(name);
            if (running.isPresent() && processes.isAlive(name, running.getAsLong())) {
                // still running from an earlier session: take it over, never delete a live VM's socket
                vm.pid = running.getAsLong();
                attachQmp(name, vm);
                ok = true;
                return;
            }
            processes.removeRunFiles(name);
            try {
                runner.run(Command.of(QemuCommandLine.build(def, paths, accel)).withTimeout(Duration.ofMinutes(1)));
            } catch (CommandException.Failed f) {
                throw new QemuVmException.StartFailed(name, f.stderr().strip().replaceFirst("^qemu-system-x86_64: ", ""));
            }
            vm.pid = processes.pidFromFile(name).orElse(-1);
            vm.shutdownSeen = false;
            attachQmp(name, vm);
            ok = true;
        } finally {
            if (!ok) {
                abandonStart(name, vm);
            }
        }
    }

    /** A start that failed after QEMU was launched (QMP never answered) must not leave QEMU running. */
    private void abandonStart(String name, RunningVm vm) {
        try {
            closeQmp(vm);
            if (vm.pid > 0 && processes.isAlive(name, vm.pid)) {
                processes.kill(vm.pid);
                processes.awaitExit(name, vm.pid, EXIT_WAIT);
                processes.removeRunFiles(name);
            }
        } catch (CommandException ignored) {
            // the start's own failure is what the user needs to see
        } finally {
            vm.pid = -1;
            vm.lifecycle.transition(QemuVmState.STARTING, QemuVmState.STOPPED);
        }
    }

    /**
     * ACPI power button, wait up to {@code timeout} for the guest's SHUTDOWN, then {@code quit}.
     * A firmware-only or hung guest never answers the button: that ends FORCED.
     */
    public StopOutcome stop(String name, Duration timeout) throws QemuVmException, QmpException, CommandException {
        RunningVm vm = vm(name);
        QemuVmState from = vm.lifecycle.state();
        if (!from.canStop() || !vm.lifecycle.transition(from, QemuVmState.STOPPING)) {
            throw new QemuVmException.WrongState(name, vm.lifecycle.state(), "stop");
        }
        QmpClient qmp = vm.qmp;
        StopOutcome outcome = StopOutcome.FORCED;
        if (qmp != null && qmp.isOpen()) {
            qmp.systemPowerdown();
            if (vm.shutdownSeen || qmp.awaitEvent("SHUTDOWN", timeout)) {
                outcome = StopOutcome.GRACEFUL;
            }
            qmp.quit(); // after a guest shutdown QEMU exits by itself; quit makes sure
        } else if (vm.pid > 0) {
            processes.terminate(vm.pid); // no QMP session: no ACPI button either
        }
        finishStop(name, vm);
        return outcome;
    }

    /** Pulls the plug: QMP quit, or SIGKILL when QMP does not answer. */
    public void powerOff(String name) throws QemuVmException, CommandException {
        RunningVm vm = vm(name);
        QemuVmState from = vm.lifecycle.state();
        if (!from.canStop() || !vm.lifecycle.transition(from, QemuVmState.STOPPING)) {
            throw new QemuVmException.WrongState(name, vm.lifecycle.state(), "power off");
        }
        try {
            if (vm.qmp != null) {
                vm.qmp.quit();
            } else if (vm.pid > 0) {
                processes.terminate(vm.pid); // QEMU treats SIGTERM like quit
            }
        } catch (QmpException e) {
            if (vm.pid > 0) {
                processes.kill(vm.pid);
            }
        }
        finishStop(name, vm);
    }

    private void finishStop(String name, RunningVm vm) throws CommandException {
        if (vm.pid > 0 && !processes.awaitExit(name, vm.pid, EXIT_WAIT)) {
            processes.kill(vm.pid);
            processes.awaitExit(name, vm.pid, EXIT_WAIT);
        }
        closeQmp(vm);
        processes.removeRunFiles(name);
        vm.pid = -1;
        vm.lifecycle.transition(QemuVmState.STOPPING, QemuVmState.STOPPED);
    }

    /** For tests: how long to wait for QEMU's QMP greeting before taking the socket as held by another client. */
    void greetingTimeout(Duration d) {
        this.greetingTimeout = d;
    }

    public QmpStatus queryStatus(String name) throws QemuVmException, QmpException {
        return qmp(name).queryStatus();
    }

    /**
     * The VM's QMP session, for callers that drive QEMU themselves (a live drive move). QEMU serves one session at a
     * time, so there is no second connection to open.
     */
    public QmpClient session(String name) throws QemuVmException {
        return qmp(name, true);
    }

    public List<BlockStats> blockStats(String name) throws QemuVmException, QmpException {
        return qmp(name).queryBlockstats();
    }

    /**
     * Finds VMs still running from an earlier Sluice session (pidfile + live process + QMP
     * socket) and takes them over; stale pidfiles are removed. Returns the names re-attached.
     */
    public List<String> reattach() throws CommandException {
        List<String> found = new ArrayList<>();
        for (QemuVmDefinition d : store.list()) {
            RunningVm vm = vm(d.name());
            QemuVmState s = vm.lifecycle.state();
            if (s == QemuVmState.STARTING || s == QemuVmState.STOPPING || (vm.qmp != null && vm.qmp.isOpen())) {
                continue; // busy, or already attached
            }
            OptionalLong pid = processes.pidFromFile(d.name());
            if (pid.isEmpty()) {
                continue;
            }
            if (!processes.isAlive(d.name(), pid.getAsLong())) {
                processes.removeRunFiles(d.name());
                continue;
            }
            vm.pid = pid.getAsLong();
            try {
                attachQmp(d.name(), vm);
                found.add(d.name());
            } catch (QmpException e) {
                // alive but QMP is unreachable (socket deleted, or another program holds the one session QEMU
                // serves): show it running, and ask again when a caller needs QEMU; Power off still works by pid
                vm.qmpProblem = e.getMessage();
                vm.lifecycle.transitionFromAny(QemuVmState.RUNNING);
                found.add(d.name());
            }
        }
        return found;
    }

    /**
     * Checks that a running VM's process is still there; a process that vanished without the
     * guest asking to shut down is CRASHED. Call it on a timer, or when QMP closes.
     */
    public QemuVmState supervise(String name) throws CommandException {
        RunningVm vm = vm(name);
        QemuVmState s = vm.lifecycle.state();
        if ((s == QemuVmState.RUNNING || s == QemuVmState.PAUSED) && (vm.pid <= 0 || !processes.isAlive(name, vm.pid))) {
            QemuVmState to = vm.shutdownSeen ? QemuVmState.STOPPED : QemuVmState.CRASHED;
            if (vm.lifecycle.transition(s, to)) {
                closeQmp(vm);
                processes.removeRunFiles(name);
                vm.pid = -1;
            }
        }
        return vm.lifecycle.state();
    }

    /**
     * Lets go of every VM without stopping it (Sluice is closing): QMP sessions close, the VMs
     * keep running and {@link #reattach} finds them next time. QEMU serves one QMP client at a
     * time, so this is also what lets another program connect.
     */
    public void detachAll() {
        for (RunningVm vm : vms.values()) {
            QmpClient q = vm.qmp;
            vm.qmp = null;
            if (q != null) {
                q.close();
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    private void attachQmp(String name, RunningVm vm) throws QmpException {
        QmpClient qmp = QmpClient.connect(connector.transportFor(paths.qmpSocket(name)), QMP_TIMEOUT, greetingTimeout);
        vm.qmp = qmp;
        qmp.addEventListener(e -> {
            switch (e.name()) {
                case "SHUTDOWN" -> vm.shutdownSeen = true;
                case "STOP" -> vm.lifecycle.transition(QemuVmState.RUNNING, QemuVmState.PAUSED);
                case "RESUME" -> vm.lifecycle.transition(QemuVmState.PAUSED, QemuVmState.RUNNING);
                default -> { }
            }
        });
        qmp.closedFuture().thenRun(() -> {
            try {
                supervise(name);
            } catch (CommandException ignored) {
                // the next refresh tries again
            }
        });
        QmpStatus st;
        try {
            st = qmp.queryStatus();
        } catch (QmpException e) {
            vm.qmp = null;
            qmp.close();
            throw e;
        }
        QemuVmState to = st.running() ? QemuVmState.RUNNING : QemuVmState.PAUSED;
        vm.lifecycle.transitionFromAny(to);
    }

    private static void closeQmp(RunningVm vm) {
        QmpClient q = vm.qmp;
        vm.qmp = null;
        if (q != null) {
            q.close();
        }
    }

    private QmpClient qmp(String name) throws QemuVmException {
        return qmp(name, false);
    }

    /**
     * The VM's open QMP session. A VM that runs without one (re-attached while another program held QEMU's one QMP
     * session, or its session dropped) is connected again here: at once when {@code now} (a caller about to drive
     * QEMU), else at most every 15 s (callers that poll).
     */
    private QmpClient qmp(String name, boolean now) throws QemuVmException {
        RunningVm vm = vm(name);
        QmpClient q = vm.qmp;
        if (q != null && q.isOpen()) {
            return q;
        }
        QemuVmState s = vm.lifecycle.state();
        if (s != QemuVmState.RUNNING && s != QemuVmState.PAUSED) {
            throw new QemuVmException.WrongState(name, s, "query");
        }
        synchronized (vm) {
            q = vm.qmp;
            if (q != null && q.isOpen()) {
                return q;
            }
            long t = System.nanoTime();
            if (vm.pid > 0 && (now || vm.qmpTriedAt == 0 || t - vm.qmpTriedAt > QMP_RETRY_NANOS)) {
                vm.qmpTriedAt = t;
                try {
                    attachQmp(name, vm);
                    vm.qmpProblem = null;
                    return vm.qmp;
                } catch (QmpException e) {
                    vm.qmpProblem = e.getMessage();
                }
            }
            throw new QemuVmException.NotConnected(name, vm.qmpProblem);
        }
    }

    private QemuVmDefinition definition(String name) throws QemuVmException {
        return store.find(name).orElseThrow(() -> new QemuVmException.NotDefined(name));
    }

    private RunningVm vm(String name) {
        return vms.computeIfAbsent(name, n -> {
            RunningVm r = new RunningVm();
            r.lifecycle.addListener(s -> listeners.forEach(l -> l.accept(n, s)));
            return r;
        });
    }
}
