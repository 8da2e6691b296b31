package dev.sluice.libvirt;

import dev.sluice.config.Texts;
import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.qemu.preflight.DiskBacking;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightFailed;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.task.GracePeriod;
import dev.sluice.task.TaskContext;
import dev.sluice.zfs.HostOs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * libvirt on one host through virsh (see the package notes): the domains with their disks and
 * states, start after the same preflight as the other hypervisors, ACPI shutdown with a timeout then
 * force off, and a disk re-pointed in the persistent definition. Blocking: call from background tasks.
 */
public final class LibvirtService {

    /** How a shutdown ended: the guest shut down after the ACPI button, or it was forced off. */
    public enum ShutdownOutcome { ACPI, FORCED }

    private static final Duration POLL = Duration.ofSeconds(1);

    private final CommandRunner runner;
    private final Preflight preflight;
    private final GracePeriod.Sleeper sleeper;

    public LibvirtService(CommandRunner runner, Preflight preflight) {
        this(runner, preflight, GracePeriod.Sleeper.REAL);
    }

    public LibvirtService(CommandRunner runner, Preflight preflight, GracePeriod.Sleeper sleeper) {
        this.runner = runner;
        this.preflight = preflight;
        this.sleeper = sleeper;
    }

    /**
     * Every domain of the system connection. {@link CommandException.NotInstalled}: no virsh on this host
     * (no libvirt guests, not an error for the caller to show as one).
     */
    public List<LibvirtGuest> list() throws LibvirtException, CommandException {
        List<DomainStats> states = DomainStats.parse(run("list the libvirt guests", "libvirt", VirshCommands.statesOfAll()).stdout());
        Set<String> transientNames = new HashSet<>();
        for (String line : run("list the transient guests", "libvirt", VirshCommands.transientNames()).stdout().split("\\R")) {
            if (!line.isBlank()) {
                transientNames.add(line.strip());
            }
        }
        List<LibvirtGuest> out = new ArrayList<>();
        for (DomainStats s : states) {
            try {
                LibvirtDomain d = DomainXml.parse(run("read the guest's definition", s.name(), VirshCommands.dumpXml(s.name())).stdout());
                out.add(new LibvirtGuest(d, s.state(), !transientNames.contains(s.name())));
            } catch (LibvirtException e) {
                if (e.kind() != LibvirtException.Kind.DOMAIN_NOT_FOUND) {
                    throw e;
                } // undefined between the two calls
            }
        }
        return out;
    }

    /** One domain, read afresh. */
    public LibvirtGuest guest(String uuid) throws LibvirtException, CommandException {
        LibvirtDomain d = DomainXml.parse(run("read the guest's definition", uuid, VirshCommands.dumpXml(uuid)).stdout());
        return new LibvirtGuest(d, state(uuid), persistent(d.name()));
    }

    private boolean persistent(String name) throws LibvirtException, CommandException {
        for (String line : run("list the transient guests", "libvirt", VirshCommands.transientNames()).stdout().split("\\R")) {
            if (line.strip().equals(name)) {
                return false;
            }
        }
        return true;
    }

    public LibvirtState state(String uuid) throws LibvirtException, CommandException {
        List<DomainStats> s = DomainStats.parse(run("read the guest's state", uuid, VirshCommands.state(uuid)).stdout());
        if (s.isEmpty()) {
            throw LibvirtException.unexpected("no state for " + uuid);
        }
        return s.get(0).state();
    }

    /** The running guests' drives with their I/O counters (for the Throughput view). */
    public List<DomainStats> blockStats() throws LibvirtException, CommandException {
        return DomainStats.parse(run("read the guests' disk counters", "libvirt", VirshCommands.blockStatsOfActive()).stdout());
    }

    /** What the preflight checks for this domain: each disk or CD-ROM backed by a file or device on the host. */
    public static List<DiskBacking> backings(LibvirtDomain d) {
        List<DiskBacking> out = new ArrayList<>();
        for (LibvirtDisk disk : d.disks()) {
            String path = disk.hostPath();
            if (path == null) {
                continue;
            }
            String label = disk.target() == null ? path : disk.target();
            out.add(disk.type() == LibvirtDisk.SourceType.BLOCK && HostOs.isZvolDevicePath(path)
                    ? DiskBacking.zvol(label, path, null, disk.readOnly())
                    : DiskBacking.image(label, path, null, disk.readOnly()));
        }
        return out;
    }

    /** Zvol present, key loaded, images there; device access is libvirt's own job (dynamic ownership). */
    public List<PreflightProblem> preflight(LibvirtDomain d) throws CommandException {
        return preflight.check(backings(d), false);
    }

    /** Preflight, then {@code virsh start}. */
    public void start(String uuid) throws LibvirtException, PreflightFailed, CommandException {
        LibvirtGuest g = guest(uuid);
        List<PreflightProblem> blocking = Preflight.blocking(preflight(g.domain()));
        if (!blocking.isEmpty()) {
            throw new PreflightFailed(g.domain().name(), blocking);
        }
        startWithoutPreflight(uuid);
    }

    /** The admin's override ("Start anyway"): libvirt's own checks still apply. */
    public void startWithoutPreflight(String uuid) throws LibvirtException, CommandException {
        run("start the guest", uuid, VirshCommands.start(uuid).withTimeout(Duration.ofMinutes(2)));
    }

    /** Presses the ACPI power button only (the VMs view's "Shut down"; the guest may ignore it). */
    public void pressPowerButton(String uuid) throws LibvirtException, CommandException {
        run("press the ACPI power button", uuid, VirshCommands.shutdownAcpi(uuid));
    }

    /**
     * Presses the ACPI power button, polls the state until the guest is off or {@code timeout} passed, then
     * forces it off: a guest without an OS that answers ACPI (or one that hangs) ends forced.
     */
    public ShutdownOutcome shutdown(String uuid, Duration timeout, TaskContext ctx)
            throws LibvirtException, CommandException, InterruptedException {
        if (!state(uuid).isActive()) {
            return ShutdownOutcome.ACPI;
        }
        try {
            pressPowerButton(uuid);
        } catch (LibvirtException e) {
            if (e.kind() != LibvirtException.Kind.NOT_RUNNING) {
                throw e;
            }
            return ShutdownOutcome.ACPI;
        }
        ctx.message(Texts.t("libvirt.shutdown.waiting"));
        if (offWithin(uuid, timeout, ctx)) {
            return ShutdownOutcome.ACPI;
        }
        ctx.message(Texts.t("libvirt.shutdown.forcing"));
        forceOff(uuid);
        return ShutdownOutcome.FORCED;
    }

    private boolean offWithin(String uuid, Duration timeout, TaskContext ctx) throws LibvirtException, CommandException, InterruptedException {
        try {
            return GracePeriod.await(() -> !state(uuid).isActive(), timeout, POLL, ctx, sleeper);
        } catch (LibvirtException | CommandException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code virsh destroy}: the guest stops at once, as if unplugged; a guest already off is left alone. */
    public void forceOff(String uuid) throws LibvirtException, CommandException {
        try {
            run("force the guest off", uuid, VirshCommands.forceOff(uuid));
        } catch (LibvirtException e) {
            if (e.kind() != LibvirtException.Kind.NOT_RUNNING) {
                throw e;
            }
        }
    }

    /** The persistent definition of {@code uuid} on this host, or empty when this host has no such guest. */
    public java.util.Optional<String> inactiveXmlIfDefined(String uuid) throws LibvirtException, CommandException {
        CommandResult r = runner.runAllowingFailure(VirshCommands.dumpInactiveXml(uuid));
        if (r.ok()) {
            return java.util.Optional.of(r.stdout());
        }
        String err = r.stderr().toLowerCase(java.util.Locale.ROOT);
        if (err.contains("failed to get domain") || err.contains("domain not found")) {
            return java.util.Optional.empty();
        }
        throw LibvirtException.classify("read the guest's definition", uuid, r.stderr());
    }

    /** Defines a guest on this host from {@code xml} (on stdin: no file is written). */
    public void define(String uuid, String xml) throws LibvirtException, CommandException {
        run("define the guest", uuid, VirshCommands.define(xml));
    }

    /** Removes a stopped guest's persistent definition; its disks are not touched. */
    public void undefine(String uuid) throws LibvirtException, CommandException {
        run("remove the guest's definition", uuid, VirshCommands.undefine(uuid));
    }

    /** The persistent definition, as libvirt prints it. */
    public String inactiveXml(String uuid) throws LibvirtException, CommandException {
        return run("read the guest's definition", uuid, VirshCommands.dumpInactiveXml(uuid)).stdout();
    }

    /**
     * Points the block disk at {@code target} from {@code from} to {@code to} in the persistent definition: reads
     * it, changes that one source, defines it, and reads it back to check libvirt kept the change. Returns the
     * definition as libvirt now prints it. Already on {@code to}: nothing runs.
     */
    public String repoint(String uuid, String name, String target, String from, String to) throws LibvirtException, CommandException {
        String xml = inactiveXml(uuid);
        if (to.equals(DomainXml.blockSource(xml, target))) {
            return xml;
        }
        if (!persistent(name)) {
            throw LibvirtException.transientDomain(name);
        }
        run("change the guest's definition", uuid, VirshCommands.define(DomainXml.repoint(xml, target, from, to)));
        String after = inactiveXml(uuid);
        String now = DomainXml.blockSource(after, target);
        if (!to.equals(now)) {
            throw LibvirtException.definitionChanged(target, to, now);
        }
        return after;
    }

    private CommandResult run(String action, String subject, Command c) throws LibvirtException, CommandException {
        try {
            return runner.run(c);
        } catch (CommandException.Failed f) {
            throw LibvirtException.classify(action, subject, f.stderr());
        }
    }
}
