package dev.sluice.qemu;

import dev.sluice.host.CommandRunner;
import dev.sluice.qemu.qmp.CommandTransport;
import dev.sluice.qemu.qmp.QmpTransport;
import dev.sluice.qemu.qmp.UnixSocketTransport;
import java.nio.file.Path;

/** How to reach a QMP socket on the VM's host: directly (local host) or through the runner (SSH). */
@FunctionalInterface
public interface QmpConnector {
    QmpTransport transportFor(String socketPath);

    static QmpConnector local() {
        return s -> new UnixSocketTransport(Path.of(s));
    }

    /** {@code socat - UNIX-CONNECT:<sock>} on the host; socat must be installed there. */
    static QmpConnector through(CommandRunner runner) {
        return s -> CommandTransport.socat(runner, s);
    }

    /** A python3 byte bridge on the host, for hosts without socat. */
    static QmpConnector throughPython(CommandRunner runner) {
        return s -> CommandTransport.python3(runner, s);
    }

    /**
     * Local hosts connect directly; SSH hosts use socat when the host has it, else python3
     * (asked once, when this connector is made: call from a background task).
     */
    static QmpConnector forRunner(CommandRunner runner) {
        if (runner.host().isLocal()) {
            return local();
        }
        try {
            if (runner.runAllowingFailure(dev.sluice.host.Command.of("socat", "-V")).ok()) {
                return through(runner);
            }
        } catch (dev.sluice.host.CommandException notThere) {
            // fall through to python3
        }
        return throughPython(runner);
    }
}
