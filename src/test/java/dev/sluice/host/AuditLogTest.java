package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path tmp;

    @Test
    void oneJsonLinePerFinishedCommandAndSecretsNeverReachIt() throws Exception {
        Path file = tmp.resolve("state/sluice/audit.jsonl");
        CommandJournal journal = new CommandJournal();
        journal.addListener(new AuditLog(file));
        ProcessCommandRunner r = ProcessCommandRunner.local(Host.local(Elevation.NONE), journal);
        r.run(Command.of("cat").withSecretStdin("hunter2-passphrase".getBytes(StandardCharsets.UTF_8)));
        r.runAllowingFailure(Command.of("sh", "-c", "echo broken >&2; exit 4").withStdin("x".getBytes(StandardCharsets.UTF_8)));
        r.run(Command.of("true"));

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size(), "finished commands only, not their RUNNING state");
        String all = Files.readString(file);
        assertFalse(all.contains("hunter2"), "secret stdin never reaches the audit log");

        AuditLog.Line secret = AuditLog.parse(lines.get(0));
        assertEquals(List.of("cat"), secret.argv());
        assertEquals("secret (redacted)", secret.stdin());
        assertEquals("SUCCEEDED", secret.state());
        assertEquals("Local host", secret.host());
        assertEquals(0, secret.exitCode());
        assertTrue(secret.durationMs() >= 0);
        Instant.parse(secret.time());

        AuditLog.Line failed = AuditLog.parse(lines.get(1));
        assertEquals("FAILED", failed.state());
        assertEquals(4, failed.exitCode());
        assertEquals("broken\n", failed.stderr());
        assertEquals("given", failed.stdin());
        assertEquals("none", AuditLog.parse(lines.get(2)).stdin());

        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(file.getParent()));
    }

    @Test
    void passwordLookingArgumentsAreMasked() {
        assertEquals(List.of("tool", "--password", "***", "--passphrase=***", "-o", "user=a,password=***,ro", "keylocation=prompt"),
                AuditLog.redact(List.of("tool", "--password", "s3cret", "--passphrase=s3cret", "-o", "user=a,password=s3cret,ro",
                        "keylocation=prompt")));
    }

    @Test
    void stderrIsCappedAndMarked() throws Exception {
        CommandJournal.Entry running = new CommandJournal().started("h", List.of("x"), Command.of("x"), Instant.now());
        CommandJournal.Entry e = new CommandJournal.Entry(running.id(), "h", List.of("x"), false, false, running.started(),
                CommandJournal.State.FAILED, 1, Duration.ofMillis(5), "e".repeat(10_000));
        AuditLog.Line l = AuditLog.lineFor(e);
        assertEquals(AuditLog.STDERR_CAP, l.stderr().length());
        assertTrue(l.stderrTruncated());
    }

    @Test
    void rotatesToOneOlderGeneration() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        AuditLog log = new AuditLog(file, 300);
        CommandJournal journal = new CommandJournal();
        journal.addListener(log);
        ProcessCommandRunner r = ProcessCommandRunner.local(Host.local(Elevation.NONE), journal);
        for (int i = 0; i < 6; i++) {
            r.run(Command.of("true"));
        }
        assertTrue(Files.exists(tmp.resolve("audit.jsonl.1")));
        assertTrue(Files.size(file) < 600);
        assertTrue(log.lastFailure().isEmpty());
    }

    @Test
    void anUnwritableFileDoesNotBreakCommands() throws Exception {
        Path blocker = tmp.resolve("not-a-dir");
        Files.writeString(blocker, "");
        CommandJournal journal = new CommandJournal();
        AuditLog log = new AuditLog(blocker.resolve("audit.jsonl"));
        journal.addListener(log);
        ProcessCommandRunner.local(Host.local(Elevation.NONE), journal).run(Command.of("true"));
        assertTrue(log.lastFailure().isPresent());
    }

    @Test
    void defaultPathFollowsXdgStateHome() {
        assertEquals(Path.of("/x/state/sluice/audit.jsonl"), AuditLog.defaultPath(Map.of("XDG_STATE_HOME", "/x/state", "HOME", "/home/a"), "/u"));
        assertEquals(Path.of("/home/a/.local/state/sluice/audit.jsonl"), AuditLog.defaultPath(Map.of("HOME", "/home/a"), "/u"));
        assertEquals(Path.of("/home/a/.local/state/sluice/audit.jsonl"),
                AuditLog.defaultPath(Map.of("XDG_STATE_HOME", "relative/dir", "HOME", "/home/a"), "/u"), "relative XDG paths are ignored");
        assertEquals(Path.of("/u/.local/state/sluice/audit.jsonl"), AuditLog.defaultPath(Map.of(), "/u"));
    }
}
