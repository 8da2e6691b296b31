package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SshTransport's pieces that need no server. */
class SshTransportUnitTest {
    private final SshTransport t = new SshTransport(Host.ssh("admin@nas", 2222, "/home/a/.ssh/id_nas", Elevation.SUDO),
            List.of("-o", "StrictHostKeyChecking=no"));

    @Test
    void sshArgvHonoursPortIdentityAndExtraOptions() {
        List<String> argv = t.wrap(List.of("zfs", "list", "-Hp"));
        assertEquals("ssh", argv.get(0));
        assertTrue(argv.containsAll(List.of("-T", "-x")));
        assertEquals("BatchMode=yes", argv.get(argv.indexOf("-o") + 1));
        assertEquals("2222", argv.get(argv.indexOf("-p") + 1));
        assertEquals("/home/a/.ssh/id_nas", argv.get(argv.indexOf("-i") + 1));
        assertTrue(argv.contains("StrictHostKeyChecking=no"));
        int dashes = argv.indexOf("--");
        assertEquals("admin@nas", argv.get(dashes + 1), "the target follows --: it can never pass for an option");
        assertEquals(dashes + 3, argv.size(), "one remote command line");
        assertTrue(argv.get(dashes + 2).startsWith("exec sh -c 'eval \"$(printf \"echo SLUICE-PGID "), argv.get(dashes + 2));
    }

    @Test
    void livenessDefaultsOnlyWhereTheConfigSetsNothing() {
        SshTransport bare = new SshTransport(Host.ssh("admin@nas", 0, null, Elevation.NONE), List.of("-F", "/dev/null"));
        assertEquals(List.of("-o", "ConnectTimeout=15", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"), bare.livenessDefaults());
        SshTransport own = new SshTransport(Host.ssh("admin@nas", 0, null, Elevation.NONE),
                List.of("-F", "/dev/null", "-o", "ConnectTimeout=3", "-o", "ServerAliveInterval=5"));
        assertEquals(List.of(), own.livenessDefaults());
    }

    /** Only characters every login shell reads literally inside single quotes: no ', \\\\, !, newline, $ outside our frame. */
    @Test
    void theRemoteLineIsSafeForAnyLoginShell() {
        String line = RemoteLine.forScript("exec " + ShellQuote.join(List.of("printf", "%s", "it's", "a\nb", "!x", "\\\\", "ünï")));
        String frameStart = "exec sh -c 'eval \"$(printf \"";
        String frameEnd = "\")\"'";
        assertTrue(line.startsWith(frameStart) && line.endsWith(frameEnd));
        String body = line.substring(frameStart.length(), line.length() - frameEnd.length());
        assertTrue(body.matches("[A-Za-z0-9 _./,:=@+\\-]*(\\\\[0-7]{3}[A-Za-z0-9 _./,:=@+\\-]*)*"), body);
    }

    /** The same line runs under bash, dash, tcsh and fish as login shells (here run directly with -c). */
    @ParameterizedTest
    @ValueSource(strings = {"bash", "dash", "tcsh", "fish"})
    void loginShellsAllRunTheSameScript(String shell) throws Exception {
        List<String> args = HostileStrings.generate(7, 120);
        List<String> argv = new java.util.ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(args);
        ProcessCommandRunner local = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
        CommandResult r = local.run(Command.of(shell, "-c", RemoteLine.forScript("exec " + ShellQuote.join(argv))));
        assertEquals(new String(HostileStrings.nulTerminated(args), StandardCharsets.UTF_8), r.stdout());
    }

    @Test
    void markerAndSshChatterAreFilteredOut() {
        String raw = "Warning: Permanently added '[127.0.0.1]:2222' (ED25519) to the list of known hosts.\n"
                + "SLUICE-PGID " + t.nonce() + " 4242\n"
                + "cannot open 'tank/x': dataset does not exist\n"
                + "SLUICE-PGID 0000 1\n";
        assertEquals("cannot open 'tank/x': dataset does not exist\nSLUICE-PGID 0000 1\n", t.filterStderr(raw),
                "only this transport's nonce is bookkeeping");
        assertEquals(4242, t.remoteProcessGroup("SLUICE-PGID " + t.nonce() + " 4242").getAsLong());
        assertTrue(t.remoteProcessGroup("SLUICE-PGID 0000 4242").isEmpty());
    }

    @Test
    void exit255IsATransportFailureOnlyBeforeTheCommandStarted() {
        assertTrue(t.isTransportFailure(255, "ssh: connect to host nas port 2222: Connection refused\n"));
        assertFalse(t.isTransportFailure(255, "SLUICE-PGID " + t.nonce() + " 12\nsome tool said 255\n"));
        assertTrue(t.isTransportFailure(255, "SLUICE-PGID " + t.nonce() + " 12\nclient_loop: send disconnect: Broken pipe\n"));
        assertFalse(t.isTransportFailure(1, "ssh: connect to host nas port 2222: Connection refused\n"));
    }

    @Test
    void failuresAreExplained() {
        assertEquals("ssh: Could not resolve hostname nas: Name or service not known — the host name does not resolve;"
                + " check its spelling or use the IP address", t.describeTransportFailure("ssh: Could not resolve hostname nas: Name or service not known\n"));
        assertEquals("Host key verification failed. — the host key is not in known_hosts or has changed; connect once with ssh in a"
                + " terminal to check and accept it (if the host was reinstalled, remove the old key with `ssh-keygen -R <host>` first)",
                t.describeTransportFailure("Host key verification failed.\n"));
        assertEquals("ssh: connect to host nas port 2222: Connection timed out — no answer on port 2222; the host is down or a firewall"
                + " drops the connection", t.describeTransportFailure("ssh: connect to host nas port 2222: Connection timed out\n"));
    }

    /** Unix socket paths must stay under ~104 bytes; the directory must be ours alone. */
    @Test
    void controlPathIsShortAndPrivate() throws Exception {
        String path = t.controlPath().replace("%C", "0123456789012345678901234567890123456789");
        assertTrue(path.length() < 100, path);
        Path dir = ControlDirectory.get();
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir));
    }

    @Test
    void aDirectoryOthersCanReadIsRejected(@TempDir Path tmp) throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertFalse(ControlDirectory.usable(open));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("target")));
        assertFalse(ControlDirectory.usable(link), "a symlink could point anywhere");
        assertTrue(ControlDirectory.usable(tmp.resolve("fresh")));
    }
}
