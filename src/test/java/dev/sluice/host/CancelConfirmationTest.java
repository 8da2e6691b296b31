package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.sshd.Sshd;
import dev.sluice.host.sshd.SshdExtension;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11 item 8: a cancel that cannot confirm the remote command is gone says so, instead of
 * "cancelled". Real sshd; the survivor is a root process (through a narrow sudo rule) that ignores
 * SIGTERM and that the connected user cannot SIGKILL.
 */
class CancelConfirmationTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();

    @Test
    void aCommandThatOutlivesTheStopIsReportedAsPossiblyRunning() throws Exception {
        ProcessCommandRunner r = SSHD.get().runner(Sshd.NARROW_SUDO_USER, Elevation.NONE, new CommandJournal());
        RunningCommand running = r.start(Command.of("sh", "-c", "trap '' TERM; exec sudo -n sleep 417").untimed(), OutputListener.NONE);
        ProcessHandle root = awaitRootSleep("417");
        try {
            running.cancel();
            CommandException.StopNotConfirmed e = assertThrows(CommandException.StopNotConfirmed.class, running::result);
            assertTrue(e.getMessage().startsWith("Sluice asked " + Sshd.NARROW_SUDO_USER + "@127.0.0.1 to stop sh, but could not confirm that it"
                    + " stopped (its process group was still there after SIGKILL"), e.getMessage());
            assertTrue(e.getMessage().contains("check with `ps -o pid,user,args -g "), e.getMessage());
            // (sudo's pty may hang the survivor up once the session closes: its being alive afterwards is not asserted)
        } finally {
            root.destroyForcibly();
        }
    }

    /** The ordinary case stays "cancelled": the host confirmed the group is gone. */
    @Test
    void aConfirmedStopIsCancelled() throws Exception {
        ProcessCommandRunner r = SSHD.get().userRunner();
        RunningCommand running = r.start(Command.of("sleep", "419").untimed(), OutputListener.NONE);
        Thread.sleep(1000);
        running.cancel();
        assertThrows(CommandException.Cancelled.class, running::result);
    }

    private static ProcessHandle awaitRootSleep(String arg) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> found = ProcessHandle.allProcesses()
                    .filter(h -> h.info().commandLine().orElse("").endsWith("sleep " + arg))
                    .filter(h -> h.info().user().orElse("").equals("root")).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no root `sleep " + arg + "` started");
    }
}
