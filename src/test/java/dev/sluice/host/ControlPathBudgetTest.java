package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.sshd.Sshd;
import dev.sluice.host.sshd.SshdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 7: the ControlPath budget allows for the ".<16 random>" that ssh appends while it
 * creates the socket, and ssh -G (asked once per transport) cannot hang a command.
 */
class ControlPathBudgetTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();

    /** A runtime directory whose "sluice" subdirectory is 47 bytes long: every command failed with it. */
    @Test
    void aLongRuntimeDirectoryFallsBackToAShortPrivateOne(@TempDir Path tmp) throws Exception {
        String base = tmp.toString() + "/";
        Path runtime = Files.createDirectories(Path.of(base + "r".repeat(47 - "/sluice".length() - base.length())));
        assertEquals(47, runtime.resolve("sluice").toString().length());

        Path chosen = ControlDirectory.choose(runtime.toString());
        assertNotEquals(runtime.resolve("sluice"), chosen, "47 + 50 + 17 > 107 bytes: ssh could not bind its temporary socket");
        assertTrue(chosen.toString().length() <= ControlDirectory.MAX_DIR_LENGTH, chosen.toString());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(chosen)));

        Host host = SSHD.get().host(Sshd.UNPRIVILEGED, Elevation.NONE);
        Path tooLong = Files.createDirectory(runtime.resolve("sluice"), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                PrivateFiles.DIRECTORY));
        try (ProcessCommandRunner r = new ProcessCommandRunner(host, new SshTransport(host, Sshd.TEST_SSH_OPTIONS, tooLong),
                new CommandJournal())) {
            CommandException e = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class, () -> r.run(Command.of("echo", "ok")));
            assertTrue(e.getMessage().contains("too long"), "what the old budget (50) let through: " + e.getMessage());
        }
        try (ProcessCommandRunner r = new ProcessCommandRunner(host, new SshTransport(host, Sshd.TEST_SSH_OPTIONS, chosen),
                new CommandJournal())) {
            assertEquals("ok\n", r.run(Command.of("echo", "ok")).stdout());
            assertEquals("ok\n", r.run(Command.of("echo", "ok")).stdout(), "again, through the master connection");
            assertTrue(((SshTransport) r.transport()).hasMasterConnection());
        }
    }

    /** The longest directory the budget admits really works with ssh's temporary socket name. */
    @Test
    void theLongestAdmittedDirectoryWorks(@TempDir Path tmp) throws Exception {
        String base = tmp.toString() + "/";
        Path dir = Path.of(base + "d".repeat(ControlDirectory.MAX_DIR_LENGTH - base.length()));
        assertTrue(ControlDirectory.usable(dir), dir.toString());
        Host host = SSHD.get().host(Sshd.UNPRIVILEGED, Elevation.NONE);
        try (ProcessCommandRunner r = new ProcessCommandRunner(host, new SshTransport(host, Sshd.TEST_SSH_OPTIONS, dir),
                new CommandJournal())) {
            assertEquals("ok\n", r.run(Command.of("echo", "ok")).stdout());
            assertTrue(((SshTransport) r.transport()).hasMasterConnection());
        }
        assertTrue(!ControlDirectory.usable(Path.of(dir + "x")), "one byte more is refused");
    }

    /** A `Match exec` that hangs must not hang the first command: ssh -G gets its own timeout. */
    @Test
    void sshDashGCannotHangTheTransport(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("ssh_config");
        Files.writeString(config, "Match exec \"sleep 60\"\n  Port 2222\n");
        List<String> options = new ArrayList<>(List.of("-F", config.toString()));
        SshTransport t = new SshTransport(Host.ssh("nobody@192.0.2.1", 0, null, Elevation.NONE), options);
        long start = System.nanoTime();
        List<String> defaults = t.livenessDefaults();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(SshTransport.PROBE_TIMEOUT.plusSeconds(3)) < 0, "took " + took);
        assertEquals(List.of(), defaults);
    }
}
