package dev.sluice.guest;

import dev.sluice.host.CommandException;
import dev.sluice.host.CommandRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives the VMs and Images views the {@link GuestHost} of whichever host is selected, opening
 * each host once. Blocking: call from background tasks.
 */
@FunctionalInterface
public interface GuestHosts {

    GuestHost open(CommandRunner runner) throws CommandException;

    /** One {@link GuestHost} per host id, definitions under {@code <configDir>/hosts/<host-id>/qemu}. */
    static GuestHosts caching(Path configDir) {
        return caching(runner -> GuestHost.open(runner, configDir.resolve("hosts").resolve(safe(runner.host().id())).resolve("qemu")));
    }

    /**
     * One {@link GuestHost} per host id, made by {@code opener}. Callers asking for the same host at once (the VMs
     * view, the sparklines, a move's planning) wait for one open: two would each re-attach to the host's running
     * QEMU VMs, and QEMU serves one QMP session at a time, so the second would find every VM without a session
     * while the first, dropped, kept them.
     */
    static GuestHosts caching(GuestHosts opener) {
        Map<String, GuestHost> open = new ConcurrentHashMap<>();
        Map<String, Object> locks = new ConcurrentHashMap<>();
        return runner -> {
            String id = runner.host().id();
            synchronized (locks.computeIfAbsent(id, k -> new Object())) {
                GuestHost h = open.get(id);
                if (h == null || h.qemuRunner() != runner) {
                    if (h != null) {
                        h.qemu().detachAll(); // a new connection to the same host: its QEMU VMs are re-attached below
                    }
                    h = opener.open(runner);
                    open.put(id, h);
                }
                return h;
            }
        };
    }

    /** The same host whatever runner is passed: for tests and screenshots. */
    static GuestHosts fixed(GuestHost host) {
        return runner -> host;
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._@-]", "_");
    }
}
