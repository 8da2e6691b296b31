package dev.sluice.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner's interactive stdin (the addition QMP over SSH needs), with `cat` as the far end. */
class CommandTransportTest {
    private final ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());

    @Test
    void linesGoInAndComeBackWhileTheCommandRuns() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        CommandTransport t = new CommandTransport(runner, Command.of("cat").untimed());
        t.open(got::add, () -> closed.complete(null));
        t.send("{\"execute\":\"query-status\"}");
        t.send("{\"execute\":\"quit\"}");
        for (int i = 0; i < 50 && got.size() < 2; i++) {
            Thread.sleep(20);
        }
        assertEquals(List.of("{\"execute\":\"query-status\"}", "{\"execute\":\"quit\"}"), got);
        t.close();
        closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void onlyInteractiveCommandsHaveStdin() {
        var running = runner.start(Command.of("true"), dev.sluice.host.OutputListener.NONE);
        assertThrows(UnsupportedOperationException.class, running::stdin);
        assertThrows(IllegalArgumentException.class,
                () -> runner.startInteractive(Command.of("cat").withStdin(new byte[1]), dev.sluice.host.OutputListener.NONE));
    }
}
