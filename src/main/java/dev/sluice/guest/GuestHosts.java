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
        Map<String, GuestHost> open = new ConcurrentHashMap<>();
        return runner -> {
            String id = runner.host().id();
            GuestHost h = open.get(id);
            if (h == null || h.qemuRunner() != runner) {
                h = GuestHost.open(runner, configDir.resolve("hosts").resolve(safe(id)).resolve("qemu"));
                open.put(id, h);
            }
            return h;
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
