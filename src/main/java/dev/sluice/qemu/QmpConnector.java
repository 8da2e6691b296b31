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

    static QmpConnector forRunner(CommandRunner runner) {
        return runner.host().isLocal() ? local() : through(runner);
    }
}
