package dev.sluice.vbox;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.qemu.preflight.DiskBacking;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightFailed;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.qemu.preflight.ZvolFacts;
import dev.sluice.task.TaskContext;
import dev.sluice.zfs.HostOs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VirtualBox on one host through VBoxManage: VMs with their storage, start (after preflight),
 * ACPI shutdown with a timeout, power off, raw VMDKs for zvols, attach/detach, close media.
 * Blocking methods: call them from background tasks.
 */
public final class VBoxService {

    /** How a shutdown ended: the guest powered off after the ACPI button, or it was powered off. */
    public enum ShutdownOutcome { ACPI, FORCED }

    /** Waits between state polls; tests pass a no-op. */
    public interface Sleeper extends dev.sluice.task.GracePeriod.Sleeper {
    }

    private static final Duration POLL = Duration.ofSeconds(1);

    private final CommandRunner runner;
    private final Preflight preflight;
    private final Sleeper sleeper;
    private volatile VBoxVersion version;

    public VBoxService(CommandRunner runner, Preflight preflight) {
        this(runner, preflight, d -> Thread.sleep(d.toMillis()));
    }

    public VBoxService(CommandRunner runner, Preflight preflight, Sleeper sleeper) {
        this.runner = runner;
        this.preflight = preflight;
        this.sleeper = sleeper;
    }

    public VBoxVersion version() throws VBoxException, CommandException {
        VBoxVersion v = version;
        if (v == null) {
            v = VBoxVersion.parse(run("read the VirtualBox version", "VirtualBox", VBoxManageCommands.version()).stdout());
            version = v;
        }
        return v;
    }

    public List<VBoxVm> listVms() throws VBoxException, CommandException {
        List<VBoxVm> out = new ArrayList<>();
        for (VBoxVmRef ref : VBoxVmRef.parseList(run("list VMs", "VirtualBox", VBoxManageCommands.listVms()).stdout())) {
            try {
                out.add(vm(ref.uuid()));
            } catch (VBoxException.VmNotFound gone) {
                // unregistered between the two calls
            }
        }
        return out;
    }

    public VBoxVm vm(String uuidOrName) throws VBoxException, CommandException {
        return VBoxVmParser.parse(run("read the VM", uuidOrName, VBoxManageCommands.showVmInfo(uuidOrName)).stdout());
    }

    /** The VM's hard disks with their raw VMDK descriptors read, so each shows the zvol it really uses. */
    public List<VBoxDisk> disks(VBoxVm vm) throws CommandException {
        List<VBoxDisk> out = new ArrayList<>();
        List<VBoxMedium> registered = null;
        for (StorageAttachment a : vm.disks()) {
            VBoxDisk d = new VBoxDisk(a, a.mediumPath().toLowerCase(java.util.Locale.ROOT).endsWith(".vmdk")
                    ? readDescriptor(a.mediumPath()) : Optional.empty());
            if (!d.isRawVmdk() && !HostOs.isZvolDevicePath(d.path()) && !vm.snapshots().isEmpty()) {
                if (registered == null) {
                    registered = registeredOrNone();
                }
                d = differencing(d, registered);
            }
            out.add(d);
        }
        return out;
    }

    private List<VBoxMedium> registeredOrNone() throws CommandException {
        try {
            return hardDisks();
        } catch (VBoxException e) {
            return List.of(); // the chain cannot be read: the disk stays an image, as before
        }
    }

    /** A differencing image whose chain ends at a raw VMDK: the disk with that VMDK's descriptor and the base named. */
    private VBoxDisk differencing(VBoxDisk d, List<VBoxMedium> registered) throws CommandException {
        java.util.Map<String, VBoxMedium> byUuid = new java.util.HashMap<>();
        registered.forEach(m -> byUuid.put(m.uuid(), m));
        Optional<VBoxMedium> at = registered.stream().filter(m -> m.location().equals(d.path())).findFirst();
        if (at.isEmpty()) {
            return d;
        }
        VBoxMedium m = at.get();
        for (int hops = 0; hops < 1000 && byUuid.containsKey(m.parentUuid()); hops++) {
            m = byUuid.get(m.parentUuid());
        }
        if (m == at.get() || !m.location().toLowerCase(java.util.Locale.ROOT).endsWith(".vmdk")) {
            return d;
        }
        Optional<RawVmdkDescriptor> base = readDescriptor(m.location()).filter(RawVmdkDescriptor::isRawDisk);
        return base.isEmpty() ? d : new VBoxDisk(d.attachment(), base, Optional.of(m.location()));
    }

    /** Reads a VMDK's text descriptor; empty for a sparse (binary) VMDK or a missing file. */
    public Optional<RawVmdkDescriptor> readDescriptor(String vmdkPath) throws CommandException {
        // a descriptor is a few hundred bytes; never pull a multi-GB sparse VMDK through the runner
        CommandResult r = runner.runAllowingFailure(Command.of("head", "-c", "65536", "--", vmdkPath));
        return r.ok() ? RawVmdkDescriptor.parse(r.stdout()) : Optional.empty();
    }

    public List<DiskBacking> backings(VBoxVm vm) throws CommandException {
        List<DiskBacking> out = new ArrayList<>();
        for (VBoxDisk d : disks(vm)) {
            String label = d.attachment().controller() + " " + d.attachment().port() + ":" + d.attachment().device();
            if (d.isRawVmdk()) {
                out.add(DiskBacking.rawVmdk(label, d.path(), d.device().orElseThrow(), d.descriptor().orElseThrow().totalBytes()));
            } else if (HostOs.isZvolDevicePath(d.path())) {
                out.add(DiskBacking.zvol(label, d.path(), null, false));
            } else {
                out.add(DiskBacking.image(label, d.path(), null, false));
            }
        }
        return out;
    }

    public List<PreflightProblem> preflight(VBoxVm vm) throws CommandException {
        return preflight.check(backings(vm));
    }

    /** Preflight, then {@code startvm --type headless}. */
    public void start(String uuid) throws VBoxException, PreflightFailed, CommandException {
        VBoxVm vm = vm(uuid);
        List<PreflightProblem> blocking = Preflight.blocking(preflight(vm));
        if (!blocking.isEmpty()) {
            throw new PreflightFailed(vm.name(), blocking);
        }
        startWithoutPreflight(uuid);
    }

    /** The admin's override ("Start anyway"): VirtualBox's own checks still apply. */
    public void startWithoutPreflight(String uuid) throws VBoxException, CommandException {
        run("start the VM", uuid, VBoxManageCommands.startHeadless(uuid).withTimeout(Duration.ofMinutes(2)));
    }

    /**
     * Presses the ACPI power button, polls the state until the guest has powered off or
     * {@code timeout} passed, then powers off. Progress messages say which phase it is in.
     */
    public ShutdownOutcome shutdown(String uuid, Duration timeout, TaskContext ctx)
            throws VBoxException, CommandException, InterruptedException {
        run("press the ACPI power button", uuid, VBoxManageCommands.acpiPowerButton(uuid));
        ctx.message("Waiting for the guest to shut down");
        if (offWithin(uuid, timeout, ctx)) {
            return ShutdownOutcome.ACPI;
        }
        ctx.message("The guest did not shut down in time; powering off");
        powerOff(uuid);
        return ShutdownOutcome.FORCED;
    }

    private boolean offWithin(String uuid, Duration timeout, TaskContext ctx) throws VBoxException, CommandException, InterruptedException {
        try {
            return dev.sluice.task.GracePeriod.await(() -> !vm(uuid).state().isOnline(), timeout, POLL, ctx, sleeper);
        } catch (VBoxException | CommandException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void powerOff(String uuid) throws VBoxException, CommandException {
        run("power off", uuid, VBoxManageCommands.powerOff(uuid));
    }

    /** Creates the raw VMDK descriptor for {@code device}; the command differs between 6.x and 7.x. */
    public void createRawVmdk(String vmdkPath, String device) throws VBoxException, CommandException {
        // as the user, never root: VBoxManage registers the medium in the calling user's VirtualBox
        run("create a raw VMDK for " + device, vmdkPath, VBoxManageCommands.createRawVmdk(version(), vmdkPath, device));
    }

    /** Every hard disk VirtualBox has registered, including those only its snapshots still use. */
    public List<VBoxMedium> hardDisks() throws VBoxException, CommandException {
        return VBoxMedium.parseList(run("list the registered disks", "VirtualBox", VBoxManageCommands.listHdds()).stdout());
    }

    /**
     * A raw VMDK for {@code device} at {@code preferredPath} or beside it, ready to attach; returns its path.
     * <ul>
     * <li>A medium VirtualBox still has registered there (its snapshots refer to it, so it could not be
     * closed) that already points at {@code device} is used as it is; one pointing elsewhere is left to
     * its snapshots and the new VMDK gets the first free {@code <name>-N.vmdk}.</li>
     * <li>A file there that VirtualBox does not know (closemedium --delete leaves the descriptor behind
     * when the raw device is already gone) is moved aside to {@code <path>.stale-<time>}, never deleted
     * or overwritten, and the new VMDK takes the path.</li>
     * </ul>
     */
    public String prepareRawVmdk(String preferredPath, String device) throws VBoxException, CommandException {
        List<VBoxMedium> registered = hardDisks();
        String path = preferredPath;
        for (int n = 2; ; n++) {
            String candidate = path;
            Optional<VBoxMedium> known = registered.stream().filter(m -> m.location().equals(candidate)).findFirst();
            if (known.isPresent()) {
                if (readDescriptor(candidate).flatMap(RawVmdkDescriptor::device).filter(device::equals).isPresent()) {
                    return candidate;
                }
            } else if (preflightPaths().stat(candidate).isEmpty()) {
                createRawVmdk(candidate, device);
                return candidate;
            } else {
                String aside = candidate + ".stale-" + java.time.LocalDateTime.now().format(STAMP);
                run("move the stale VMDK " + candidate + " aside", candidate, VBoxManageCommands.moveAside(candidate, aside));
                createRawVmdk(candidate, device);
                return candidate;
            }
            path = numbered(preferredPath, n);
        }
    }

    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    static String numbered(String vmdkPath, int n) {
        int dot = vmdkPath.lastIndexOf('.');
        int slash = vmdkPath.lastIndexOf('/');
        return dot > slash ? vmdkPath.substring(0, dot) + "-" + n + vmdkPath.substring(dot) : vmdkPath + "-" + n;
    }

    private dev.sluice.qemu.preflight.PathProbe preflightPaths() {
        return new dev.sluice.qemu.preflight.PathProbe(runner);
    }

    /**
     * Writes a descriptor Sluice made ({@link RawVmdkDescriptor#forDevice}) to the host; refuses to
     * overwrite an existing file ({@code conv=excl}). Used where VBoxManage cannot run (the
     * qemu-img read-back test) or for a monolithicFlat descriptor both hypervisors accept.
     */
    public void writeDescriptor(String vmdkPath, RawVmdkDescriptor descriptor) throws VBoxException, CommandException {
        Command c = Command.of("dd", "of=" + vmdkPath, "conv=excl", "status=none")
                .withStdin(descriptor.write().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        run("write the VMDK descriptor", vmdkPath, c);
    }

    /**
     * "Attach zvol as disk": a raw VMDK for the zvol in the VM's folder
     * ({@code <folder>/<zvol name>.vmdk}), attached writethrough to a free slot. Returns the VMDK path.
     */
    public String attachZvol(VBoxVm vm, String controller, int port, int device, String zvolDevice)
            throws VBoxException, CommandException {
        String base = zvolDevice.substring(zvolDevice.lastIndexOf('/') + 1);
        String vmdk = vm.folder() + "/" + base + ".vmdk";
        createRawVmdk(vmdk, zvolDevice);
        attachDisk(vm.uuid(), controller, port, device, vmdk, true);
        return vmdk;
    }

    public void attachDisk(String uuid, String controller, int port, int device, String medium, boolean writethrough)
            throws VBoxException, CommandException {
        run("attach " + medium, uuid, VBoxManageCommands.attachDisk(uuid, controller, port, device, medium, writethrough));
    }

    public void detach(String uuid, String controller, int port, int device, boolean leaveEmptyDrive)
            throws VBoxException, CommandException {
        run("detach the disk at " + controller + " " + port + ":" + device, uuid,
                VBoxManageCommands.detach(uuid, controller, port, device, leaveEmptyDrive));
    }

    public void closeMedium(String medium, boolean delete) throws VBoxException, CommandException {
        run("close " + medium, medium, VBoxManageCommands.closeMedium(medium, delete));
    }

    /**
     * Waits before each retry of a command that failed only because VBoxSVC did not start in time
     * ({@link VBoxException.ServiceNotStarted}: nothing ran). VBoxManage starts VBoxSVC on demand; a start that
     * outlasts its wait goes on in the background, so a later try usually finds it running.
     */
    static final List<Duration> SERVICE_RETRIES = List.of(Duration.ofSeconds(3), Duration.ofSeconds(10));

    private CommandResult run(String action, String subject, Command c) throws VBoxException, CommandException {
        for (int attempt = 1; ; attempt++) {
            try {
                return runner.run(c);
            } catch (CommandException.Failed f) {
                VBoxException e = VBoxException.classify(action, subject, f.stderr());
                if (!(e instanceof VBoxException.ServiceNotStarted)) {
                    throw explain(e);
                }
                if (attempt > SERVICE_RETRIES.size()) {
                    throw new VBoxException.ServiceNotStarted(action, attempt, e.detail());
                }
                try {
                    sleeper.sleep(SERVICE_RETRIES.get(attempt - 1));
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new VBoxException.ServiceNotStarted(action, attempt, e.detail());
                }
            }
        }
    }

    /**
     * VirtualBox says only that it could not open a path. When that path is a zvol's device (or a raw
     * VMDK naming one), ZFS says why: its key is not loaded (on Linux the node is gone until then), or
     * the zvol really is gone. Anything else keeps VirtualBox's own reading.
     */
    private VBoxException explain(VBoxException e) throws CommandException {
        String path;
        String code;
        if (e instanceof VBoxException.MediumMissing m) {
            path = m.path();
            code = "VERR_FILE_NOT_FOUND";
        } else if (e instanceof VBoxException.AccessDenied a) {
            path = a.path();
            code = "VERR_ACCESS_DENIED";
        } else {
            return e;
        }
        String device = path.startsWith("/dev/") ? path
                : path.toLowerCase(java.util.Locale.ROOT).endsWith(".vmdk")
                        ? readDescriptor(path).flatMap(RawVmdkDescriptor::device).orElse(null) : null;
        if (device == null) {
            return e;
        }
        Optional<ZvolFacts> zvol;
        try {
            zvol = preflight.zvolBehind(device);
        } catch (RuntimeException zfsUnavailable) {
            return e; // ZFS cannot answer: VirtualBox's reading stands
        }
        if (zvol.isPresent() && zvol.get().keyStatus() == ZvolFacts.KeyStatus.UNAVAILABLE) {
            String root = zvol.get().encryptionRoot() == null ? zvol.get().dataset() : zvol.get().encryptionRoot();
            return new VBoxException.KeyNotLoaded(device, zvol.get().dataset(), root, code, e.detail());
        }
        // illumos paths are /dev/zvol/rdsk/...; Linux's '+' for a space reads back the same on FreeBSD
        HostOs os = device.startsWith(HostOs.ZVOL_DIR + "rdsk/") || device.startsWith(HostOs.ZVOL_DIR + "dsk/")
                ? HostOs.ILLUMOS : HostOs.LINUX;
        Optional<String> name = os.zvolOf(device);
        if (zvol.isEmpty() && name.isPresent() && code.equals("VERR_FILE_NOT_FOUND") && preflightPaths().stat(device).isEmpty()) {
            return VBoxException.MediumMissing.deviceGone(device, name.get(), e.detail());
        }
        return e;
    }
}
