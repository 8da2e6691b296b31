package dev.sluice.app;

import dev.sluice.config.AppDirs;
import dev.sluice.config.HostsStore;
import dev.sluice.config.SettingsStore;
import dev.sluice.host.AuditLog;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.Runners;
import dev.sluice.host.probe.HostProbe;
import dev.sluice.host.probe.HostReport;
import dev.sluice.task.TaskExecutor;

/**
 * Everything the main window needs, built once by {@link SluiceApp} (or by a test with fakes):
 * the place for files, the command journal, the stores, how to reach a host and probe it, and
 * the executor that runs background work and brings results to the FX thread. {@code audit} may be
 * null (tests); in the app it writes every finished command to {@code <state>/audit.jsonl}.
 */
public record Services(AppDirs dirs, CommandJournal journal, SettingsStore settings, HostsStore hosts,
                       RunnerFactory runners, ProbeFactory probes, TaskExecutor executor, AuditLog audit) {

    /** Makes the runner for a host (local processes or the system ssh client). */
    @FunctionalInterface
    public interface RunnerFactory {
        CommandRunner forHost(Host host, CommandJournal journal);
    }

    /** Probes a host; blocking, called from a background task. */
    @FunctionalInterface
    public interface ProbeFactory {
        HostReport probe(CommandRunner runner);
    }

    /** The real thing: files under {@code dirs}, processes and ssh through {@link Runners}. */
    public static Services production(AppDirs dirs, TaskExecutor executor) {
        dirs.create();
        CommandJournal journal = new CommandJournal();
        AuditLog audit = new AuditLog(dirs.auditLog());
        journal.addListener(audit);
        return new Services(dirs, journal, new SettingsStore(dirs), new HostsStore(dirs),
                Runners::forHost, r -> new HostProbe(r).probe(), executor, audit);
    }
}
