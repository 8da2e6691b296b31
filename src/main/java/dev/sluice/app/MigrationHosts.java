package dev.sluice.app;

import dev.sluice.config.HostsStore;
import dev.sluice.guest.GuestHosts;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.SshHop;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.MigrationTarget;
import dev.sluice.migrate.MigrationText;
import dev.sluice.migrate.RouteChoice;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.migration.MigrationTools;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The app's migration tools: moves between pools of the selected host, and moves from it to any other host in
 * the host list (one runner per target host, kept for the session; the target's guests through the shared
 * {@link GuestHosts}).
 */
final class MigrationHosts implements MigrationTools.Source {
    private final Supplier<CommandRunner> selected;
    private final HostsStore hosts;
    private final java.util.function.Function<Host, CommandRunner> runners;
    private final GuestHosts guestHosts;
    private final MigrationStore store;

    /** {@code runners}: the app's one runner per host (the main window's), so a target host's guest services are shared. */
    MigrationHosts(Supplier<CommandRunner> selected, HostsStore hosts, java.util.function.Function<Host, CommandRunner> runners,
                   GuestHosts guestHosts, MigrationStore store) {
        this.selected = selected;
        this.hosts = hosts;
        this.runners = runners;
        this.guestHosts = guestHosts;
        this.store = store;
    }

    private CommandRunner current() {
        CommandRunner runner = selected.get();
        if (runner == null) {
            throw new IllegalStateException(I18n.t("migrate.noHost"));
        }
        return runner;
    }

    @Override
    public MigrationTools open() throws Exception {
        CommandRunner runner = current();
        return MigrationTools.of(runner.host().id(), guestHosts.open(runner), store);
    }

    @Override
    public List<MigrationTools.TargetHost> otherHosts() {
        CommandRunner runner = selected.get();
        String here = runner == null ? "" : runner.host().id();
        return hosts.hosts().stream().filter(h -> !h.id().equals(here))
                .map(h -> new MigrationTools.TargetHost(h.id(), h.displayName())).toList();
    }

    @Override
    public List<String> poolsOn(String hostId) throws Exception {
        Host host = hosts.find(hostId).orElseThrow(() -> new IllegalStateException(MigrationText.t("migrate.hostGone", hostId)));
        return new ZfsService(runnerFor(host)).pools().stream().map(dev.sluice.zfs.Pool::name).sorted().toList();
    }

    private CommandRunner runnerFor(Host host) {
        return runners.apply(host);
    }

    @Override
    public MigrationTools openTo(String hostId, Optional<SshHop> hop) throws Exception {
        CommandRunner from = current();
        if (hostId == null || hostId.equals(from.host().id())) {
            return open();
        }
        Host host = hosts.find(hostId).orElseThrow(() -> new IllegalStateException(MigrationText.t("migrate.hostGone", hostId)));
        CommandRunner to = runnerFor(host);
        ProcessCommandRunner a = from.processes().orElseThrow(() -> new IllegalStateException(MigrationText.t("migrate.noOtherHosts")));
        ProcessCommandRunner b = to.processes().orElseThrow(() -> new IllegalStateException(MigrationText.t("migrate.noOtherHosts")));
        RouteChoice.Chosen route = RouteChoice.choose(a, b, hop);
        MigrationTarget target = new MigrationTarget(host.id(), host.displayName(), new ZfsService(b), route.route(), route.note());
        return MigrationTools.between(from.host().id(), guestHosts.open(from), guestHosts.open(to), target, store,
                MigrationTools.SHUTDOWN_TIMEOUT);
    }
}
