package dev.sluice.app;

import dev.sluice.guest.GuestHosts;
import dev.sluice.host.CommandRunner;
import dev.sluice.libvirt.DomainStats;
import dev.sluice.libvirt.LibvirtException;
import dev.sluice.metrics.BlockStatsSource;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmState;
import dev.sluice.metrics.Device;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.metrics.ThroughputSources;
import dev.sluice.metrics.Ticker;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.throughput.Sparkline;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/**
 * One throughput monitor per connected host, shared by the Throughput view and the small sparklines
 * in the Pools and VMs views. A sparkline samples only while it is in a scene: leaving the screen
 * closes its subscription, and the monitor stops when nothing listens.
 */
final class LiveSparklines {
    private final ObservableValue<CommandRunner> runner;
    private final TaskExecutor executor;
    private final GuestHosts guests;
    private CommandRunner monitoredRunner;
    private ThroughputMonitor monitor;

    LiveSparklines(ObservableValue<CommandRunner> runner, TaskExecutor executor, GuestHosts guests) {
        this.runner = runner;
        this.executor = executor;
        this.guests = guests;
    }

    /** The running QEMU VMs of {@code r}, each answering QMP {@code query-blockstats}; none when QEMU is not there. */
    private volatile CommandRunner qemuUnavailableOn;

    private List<BlockStatsSource> qemuDrives(CommandRunner r) {
        if (r == qemuUnavailableOn) {
            return List.of(); // asked once for this connection; not again every second
        }
        try {
            QemuVmService qemu = guests.open(r).qemu();
            return qemu.list().stream()
                    .filter(v -> v.state() == QemuVmState.RUNNING || v.state() == QemuVmState.PAUSED)
                    .map(v -> (BlockStatsSource) new BlockStatsSource() {
                        @Override
                        public String vmName() {
                            return v.definition().name();
                        }

                        @Override
                        public List<DriveStats> queryBlockStats() throws Exception {
                            return qemu.blockStats(vmName()).stream()
                                    .map(b -> new DriveStats(b.device(), b.readBytes(), b.writeBytes(), b.readOps(), b.writeOps()))
                                    .toList();
                        }
                    })
                    .toList();
        } catch (Exception e) {
            qemuUnavailableOn = r;
            return List.of();
        }
    }

    private volatile CommandRunner libvirtUnavailableOn;

    /**
     * The running libvirt guests of {@code r}: one {@code virsh domstats --block --list-active} per tick answers for
     * all of them. A host without libvirt (or without its daemon, or closed to this user) is asked once per connection.
     */
    private List<BlockStatsSource> libvirtDrives(CommandRunner r) {
        if (r == libvirtUnavailableOn) {
            return List.of();
        }
        List<DomainStats> stats;
        try {
            stats = guests.open(r).libvirt().blockStats();
        } catch (LibvirtException e) {
            if (e.kind() == LibvirtException.Kind.DAEMON_DOWN || e.kind() == LibvirtException.Kind.DENIED) {
                libvirtUnavailableOn = r;
            }
            return List.of();
        } catch (dev.sluice.host.CommandException.NotInstalled e) {
            libvirtUnavailableOn = r;
            return List.of();
        } catch (Exception e) {
            return List.of();
        }
        return stats.stream().map(d -> (BlockStatsSource) new BlockStatsSource() {
            @Override
            public String vmName() {
                return d.name();
            }

            @Override
            public List<DriveStats> queryBlockStats() {
                return d.blocks().stream()
                        .filter(b -> b.path() != null) // an empty CD-ROM drive reads nothing
                        .map(b -> new DriveStats(b.name(), b.readBytes(), b.writeBytes(), b.readRequests(), b.writeRequests()))
                        .toList();
            }
        }).toList();
    }

    private List<BlockStatsSource> vmDrives(CommandRunner r) {
        List<BlockStatsSource> all = new java.util.ArrayList<>(qemuDrives(r));
        all.addAll(libvirtDrives(r));
        return all;
    }

    /** The monitor for {@code r}; a new host gets a new one (the old one stops with its last listener). */
    synchronized ThroughputMonitor monitorFor(CommandRunner r) {
        if (r != monitoredRunner) {
            monitoredRunner = r;
            monitor = new ThroughputMonitor(ThroughputSources.forHost(r, () -> vmDrives(r)), Ticker.daemon(), executor,
                    ThroughputMonitor.Settings.DEFAULT);
        }
        return monitor;
    }

    /** A sparkline of {@code device} on the selected host, or null when no host is connected. */
    Node of(Device device) {
        CommandRunner r = runner.getValue();
        if (r == null) {
            return null;
        }
        ThroughputMonitor m = monitorFor(r);
        Sparkline s = new Sparkline();
        s.setPrefSize(140, 22);
        s.setMinSize(140, 22); // card headers would squeeze it to nothing otherwise
        AtomicReference<ThroughputMonitor.Subscription> sub = new AtomicReference<>();
        s.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null && sub.get() == null) {
                sub.set(s.follow(m, device));
            } else if (scene == null && sub.get() != null) {
                sub.getAndSet(null).close();
            }
        });
        return s;
    }
}
