package dev.sluice.host;

import java.util.List;

/** Makes the runner for a host: local processes, or the system ssh client for SSH hosts. */
public final class Runners {
    private Runners() {
    }

    public static ProcessCommandRunner forHost(Host host, CommandJournal journal) {
        return forHost(host, journal, List.of());
    }

    /**
     * {@code extraSshOptions}: more ssh(1) arguments, e.g. {@code -o StrictHostKeyChecking=no} for a
     * throwaway test host. Close the runner when the host is removed: it ends the shared connection.
     */
    public static ProcessCommandRunner forHost(Host host, CommandJournal journal, List<String> extraSshOptions) {
        if (host.isLocal()) {
            return ProcessCommandRunner.local(host, journal);
        }
        return new ProcessCommandRunner(host, new SshTransport(host, extraSshOptions), journal);
    }
}
