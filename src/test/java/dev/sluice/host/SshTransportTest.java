package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.sshd.Sshd;
import dev.sluice.host.sshd.SshdExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSH transport against a real OpenSSH server on loopback. */
class SshTransportTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();

    @Test
    void runsArgvOnTheHost() throws Exception {
        CommandResult res = SSHD.get().userRunner().run(Command.of("printf", "%s|", "a b", "$x", "it's", ""));
        assertEquals("a b|$x|it's||", res.stdout());
        assertEquals("", res.stderr());
    }

    /** Every argument arrives byte-identical, whatever the login shell (bash, dash, tcsh, fish). */
    @ParameterizedTest
    @ValueSource(strings = {"root", Sshd.UNPRIVILEGED, Sshd.TCSH_USER, Sshd.FISH_USER})
    void hostileArgumentsArriveByteIdentical(String user) throws Exception {
        ProcessCommandRunner r = SSHD.get().runner(user, Elevation.NONE, new CommandJournal());
        List<String> args = HostileStrings.generate(user.hashCode(), 300);
        for (int from = 0; from < args.size(); from += 100) {
            List<String> chunk = args.subList(from, Math.min(args.size(), from + 100));
            List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
            argv.addAll(chunk);
            CommandResult res = r.run(Command.of(argv));
            assertEquals(new String(HostileStrings.nulTerminated(chunk), StandardCharsets.UTF_8), res.stdout(),
                    "as " + user + ": " + chunk);
        }
    }

    /** Failures are recognised by their English text, whatever the user's locale. */
    @Test
    void messagesAreInEnglishOnTheHost() throws Exception {
        CommandResult res = SSHD.get().userRunner().run(Command.of("sh", "-c", "echo \"$LC_MESSAGES|${LC_ALL-unset}|${LANGUAGE-unset}\""));
        assertEquals("C|unset|unset\n", res.stdout());
    }

    @Test
    void aProgramMissingUnderSudoIsNotInstalled() {
        ProcessCommandRunner r = SSHD.get().runner("root", Elevation.SUDO, new CommandJournal());
        CommandException e = assertThrows(CommandException.NotInstalled.class, () -> r.run(Command.of("zfs-nope", "list").asRoot()));
        assertTrue(e.getMessage().startsWith("zfs-nope is not installed on root@127.0.0.1."), e.getMessage());
    }

    @Test
    void stdinReachesTheRemoteCommand() throws Exception {
        CommandResult res = SSHD.get().userRunner().run(Command.of("cat").withStdin("hello\nthere".getBytes(StandardCharsets.UTF_8)));
        assertEquals("hello\nthere", res.stdout());
    }

    @Test
    void stderrAndExitCodeComeBackWithoutTheMarker() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        OutputListener l = new OutputListener() {
            @Override
            public void stderrLine(String line) {
                lines.add(line);
            }
        };
        CommandResult res = SSHD.get().userRunner().start(Command.of("sh", "-c", "echo oops >&2; exit 3"), l).result();
        assertEquals(3, res.exitCode());
        assertEquals("oops\n", res.stderr());
        assertEquals(List.of("oops"), lines);
    }

    @Test
    void exit255FromTheCommandIsNotATransportFailure() throws Exception {
        CommandException.Failed f = assertThrows(CommandException.Failed.class,
                () -> SSHD.get().userRunner().run(Command.of("sh", "-c", "exit 255")));
        assertEquals(255, f.exitCode());
    }

    /** sshd makes the command's shell a session leader: the marker's pid is the process group. */
    @Test
    void theRemoteCommandLeadsItsOwnProcessGroup() throws Exception {
        CommandResult res = SSHD.get().userRunner().run(Command.of("sh", "-c", "echo $$; ps -o pgid= -p $$; ps -o sid= -p $$"));
        String[] v = res.stdout().strip().split("\\s+");
        assertEquals(v[0], v[1], "pid == pgid");
        assertEquals(v[0], v[2], "pid == sid");
    }

    @Test
    void missingRemoteProgramIsNotInstalled() {
        CommandException e = assertThrows(CommandException.NotInstalled.class, () -> SSHD.get().userRunner().run(Command.of("zfs-nope")));
        assertTrue(e.getMessage().contains("zfs-nope is not installed on sluice-test@127.0.0.1"), e.getMessage());
    }

    @Test
    void oneConnectionServesManyCommands() throws Exception {
        Sshd sshd = SSHD.get();
        ProcessCommandRunner r = sshd.runner(Sshd.UNPRIVILEGED, Elevation.NONE, new CommandJournal());
        r.run(Command.of("true"));
        long before = sshd.acceptedLogins();
        for (int i = 0; i < 100; i++) {
            assertEquals(i + "\n", r.run(Command.of("echo", Integer.toString(i))).stdout());
        }
        assertEquals(before, sshd.acceptedLogins(), "100 commands, no new login:\n" + sshd.log());
        SshTransport t = (SshTransport) r.transport();
        assertTrue(t.hasMasterConnection());
        r.close();
        assertFalse(t.hasMasterConnection(), "close() ends the master connection");
    }

    @Test
    void closedPortIsHostUnreachable() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProcessCommandRunner r = Runners.forHost(Host.ssh("root@127.0.0.1", closed, SSHD.get().clientKey().toString(), Elevation.NONE),
                new CommandJournal(), Sshd.TEST_SSH_OPTIONS);
        CommandException e = assertThrows(CommandException.HostUnreachable.class, () -> r.run(Command.of("true")));
        assertEquals("Cannot connect to root@127.0.0.1: ssh: connect to host 127.0.0.1 port " + closed + ": Connection refused"
                + " — nothing accepts SSH connections on port " + closed + "; check the host name and port, and that sshd is running there."
                + " Check that `ssh root@127.0.0.1` works in a terminal without a password prompt (BatchMode): key in the agent, host in known_hosts.",
                e.getMessage());
    }

    @Test
    void refusedKeyIsHostUnreachableAndSaysWhichKeyToFix() throws Exception {
        Path other = Files.createTempDirectory("sluice-key").resolve("other");
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString()).start().waitFor();
        ProcessCommandRunner r = Runners.forHost(Host.ssh("root@127.0.0.1", SSHD.get().port(), other.toString(), Elevation.NONE),
                new CommandJournal(), Sshd.TEST_SSH_OPTIONS);
        CommandException e = assertThrows(CommandException.HostUnreachable.class, () -> r.run(Command.of("true")));
        assertTrue(e.getMessage().startsWith("Cannot connect to root@127.0.0.1: root@127.0.0.1: Permission denied (publickey)."
                + " — the server refused every key offered; add your public key to ~/.ssh/authorized_keys"), e.getMessage());
    }

    @Test
    void sudoWithoutARuleIsPrivilegeDeniedWithTheFix() {
        ProcessCommandRunner r = SSHD.get().runner(Sshd.UNPRIVILEGED, Elevation.SUDO, new CommandJournal());
        CommandException e = assertThrows(CommandException.PrivilegeDenied.class, () -> r.run(Command.of("zpool", "list", "-Hp").asRoot()));
        assertEquals("sudo refused to run zpool without a password on sluice-test@127.0.0.1. Allow it with a NOPASSWD rule,"
                + " e.g. in /etc/sudoers.d/sluice: `youruser ALL=(root) NOPASSWD: /usr/sbin/zfs, /usr/sbin/zpool`"
                + " — or delegate with `zfs allow`, or pick another privilege mode in the host settings.", e.getMessage());
    }

    @Test
    void sudoRunsAsRootWhenAllowed() throws Exception {
        ProcessCommandRunner r = SSHD.get().runner("root", Elevation.SUDO, new CommandJournal());
        assertEquals("0\n", r.run(Command.of("id", "-u").asRoot()).stdout());
    }

    /** Killing the local ssh client would leave the remote side running: cancel kills the remote group. */
    @Test
    void cancelKillsTheRemoteProcessAndItsChildren() throws Exception {
        assertRemoteStopKills(SSHD.get().userRunner(), false, false);
    }

    @Test
    void timeoutKillsTheRemoteProcess() throws Exception {
        assertRemoteStopKills(SSHD.get().userRunner(), false, true);
    }

    /** Under sudo the remote command runs as root; the cancel goes through sudo as well. */
    @Test
    void cancelKillsACommandRunningUnderSudo() throws Exception {
        assertRemoteStopKills(SSHD.get().runner("root", Elevation.SUDO, new CommandJournal()), true, false);
    }

    private static void assertRemoteStopKills(ProcessCommandRunner r, boolean asRoot, boolean byTimeout) throws Exception {
        Path dir = Files.createTempDirectory(SSHD.get().scratch(), "cancel");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path main = dir.resolve("main");
        Path child = dir.resolve("child");
        Command c = Command.of("sh", "-c", "sleep 300 & echo $! > \"$1\"; echo $$ > \"$2\"; wait", "sh", child.toString(), main.toString());
        c = byTimeout ? c.withTimeout(java.time.Duration.ofSeconds(3)) : c.untimed();
        RunningCommand running = r.start(asRoot ? c.asRoot() : c, OutputListener.NONE);
        long mainPid = Long.parseLong(Sshd.awaitFile(main, java.time.Duration.ofSeconds(10)));
        long childPid = Long.parseLong(Sshd.awaitFile(child, java.time.Duration.ofSeconds(10)));
        assertTrue(Sshd.isRunning(mainPid) && Sshd.isRunning(childPid));
        if (!byTimeout) {
            running.cancel();
        }
        Class<? extends CommandException> expected = byTimeout ? CommandException.TimedOut.class : CommandException.Cancelled.class;
        assertEquals(expected, assertThrows(CommandException.class, running::result).getClass());
        assertTrue(Sshd.awaitGone(mainPid, java.time.Duration.ofSeconds(5)), "remote shell " + mainPid + " still runs");
        assertTrue(Sshd.awaitGone(childPid, java.time.Duration.ofSeconds(5)), "remote child " + childPid + " still runs");
    }
}
