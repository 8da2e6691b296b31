package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.sshd.Sshd;
import dev.sluice.host.sshd.SshdExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code a | b} over SSH: one remote script, bytes flow on the host, per-stage stderr and status. */
class RemotePipelineTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();

    /** Collects one stage's lines. */
    static final class Lines implements OutputListener {
        final List<String> err = new CopyOnWriteArrayList<>();
        final List<String> out = new CopyOnWriteArrayList<>();

        @Override
        public void stderrLine(String line) {
            err.add(line);
        }

        @Override
        public void stdoutLine(String line) {
            out.add(line);
        }
    }

    @Test
    void eachStageKeepsItsStderrAndExitStatus() throws Exception {
        CommandJournal journal = new CommandJournal();
        List<CommandJournal.Entry> finished = new CopyOnWriteArrayList<>();
        journal.addListener(e -> {
            if (e.state() != CommandJournal.State.RUNNING) {
                finished.add(e);
            }
        });
        ProcessCommandRunner r = SSHD.get().runner(Sshd.UNPRIVILEGED, Elevation.NONE, journal);
        Lines l0 = new Lines();
        Lines l1 = new Lines();
        Lines l2 = new Lines();
        List<CommandResult> rs = r.startPipeline(List.of(
                Command.of("sh", "-c", "echo 'first stage' >&2; printf 'b\\na\\n'; printf '10%%\\r20%%\\r30%%\\n' >&2; exit 3"),
                Command.of("sort"),
                Command.of("sh", "-c", "cat; echo \"it's done\" >&2")), List.of(l0, l1, l2)).results();
        assertEquals(List.of(3, 0, 0), rs.stream().map(CommandResult::exitCode).toList());
        assertEquals("first stage\n10%\r20%\r30%\n", rs.get(0).stderr());
        assertEquals("", rs.get(1).stderr());
        assertEquals("it's done\n", rs.get(2).stderr());
        assertEquals("a\nb\n", rs.get(2).stdout());
        assertEquals(List.of("first stage", "10%", "20%", "30%"), l0.err);
        assertEquals(List.of("it's done"), l2.err);
        assertEquals(List.of("a", "b"), l2.out);
        assertEquals(3, finished.size(), "one journal entry per stage");
        assertEquals(List.of("sort"), finished.stream().filter(e -> e.argv().get(0).equals("sort")).findFirst().orElseThrow().argv());
        CommandException.Failed f = assertThrows(CommandException.Failed.class,
                () -> r.startPipeline(List.of(Command.of("false"), Command.of("cat")), List.of()).await());
        assertEquals(1, f.exitCode());
    }

    @Test
    void stdinFeedsTheFirstStage() throws Exception {
        ProcessCommandRunner r = SSHD.get().userRunner();
        List<CommandResult> rs = r.startPipeline(List.of(Command.of("tr", "a-z", "A-Z").withStdin("hello\n".getBytes(StandardCharsets.UTF_8)),
                Command.of("cat")), List.of()).await();
        assertEquals("HELLO\n", rs.get(1).stdout());
    }

    @Test
    void aMissingProgramInTheFirstStageIsNotInstalled() {
        ProcessCommandRunner r = SSHD.get().userRunner();
        CommandException e = assertThrows(CommandException.NotInstalled.class,
                () -> r.startPipeline(List.of(Command.of("zfs-nope", "send", "p@s"), Command.of("cat")), List.of()).results());
        assertTrue(e.getMessage().startsWith("zfs-nope is not installed on sluice-test@127.0.0.1."), e.getMessage());
    }

    /**
     * 20 MB between the stages on the host, and the sender's progress line reaching its listener
     * while the stream still runs: before the receiver's only output line, which comes at the end.
     */
    @Test
    void streamsTwentyMegabytesWithLiveProgress() throws Exception {
        ProcessCommandRunner r = SSHD.get().userRunner();
        List<String> events = new CopyOnWriteArrayList<>();
        OutputListener sender = new OutputListener() {
            @Override
            public void stderrLine(String line) {
                events.add("progress " + line);
            }
        };
        OutputListener receiver = new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                events.add("received " + line.strip());
            }
        };
        List<CommandResult> rs = r.startPipeline(List.of(
                Command.of("sh", "-c", "echo 'full\tpool/vm@s1\t20000000' >&2; sleep 1; head -c 20000000 /dev/urandom;"
                        + " echo '12:00:01\t20000000\tpool/vm@s1' >&2"),
                Command.of("sh", "-c", "wc -c; echo received >&2")), List.of(sender, receiver)).await();
        assertEquals("20000000", rs.get(1).stdout().strip());
        assertEquals("progress full\tpool/vm@s1\t20000000", events.get(0), "live, not at the end: " + events);
        assertTrue(events.indexOf("received 20000000") > 0, events.toString());
        assertEquals("full\tpool/vm@s1\t20000000\n12:00:01\t20000000\tpool/vm@s1\n", rs.get(0).stderr());
        assertEquals("received\n", rs.get(1).stderr());
    }

    @Test
    void cancelKillsEveryStageOnTheHostAndRemovesTheTempDirectory() throws Exception {
        ProcessCommandRunner r = SSHD.get().userRunner();
        Path dir = Files.createTempDirectory(SSHD.get().scratch(), "pipe");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        long tempDirsBefore = ourTempDirs();
        RunningPipeline p = r.startPipeline(List.of(
                Command.of("sh", "-c", "echo $$ > \"$1\"; exec sleep 300", "sh", a.toString()).untimed(),
                Command.of("sh", "-c", "echo $$ > \"$1\"; exec cat", "sh", b.toString()).untimed()), List.of());
        long pa = Long.parseLong(Sshd.awaitFile(a, Duration.ofSeconds(10)));
        long pb = Long.parseLong(Sshd.awaitFile(b, Duration.ofSeconds(10)));
        assertEquals(tempDirsBefore + 1, ourTempDirs());
        p.cancel();
        assertThrows(CommandException.Cancelled.class, p::results);
        assertTrue(Sshd.awaitGone(pa, Duration.ofSeconds(5)), "stage 0 still runs");
        assertTrue(Sshd.awaitGone(pb, Duration.ofSeconds(5)), "stage 1 still runs");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ourTempDirs() > tempDirsBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(tempDirsBefore, ourTempDirs(), "the EXIT trap removes the FIFOs' directory");
    }

    /**
     * Issue 11 item 8: when the connection is gone, the remote script dies of PIPE at its next write
     * to stderr, or of HUP. The script itself, run by the real sh with its stderr a pipe nobody
     * reads (or sent SIGHUP), must still remove its temp directory: a signal's default action skips
     * the EXIT trap.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"PIPE", "HUP"})
    void theScriptRemovesItsTempDirectoryWhenItsConnectionIsGone(String signal, @org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        String script = RemotePipeline.script(List.of(List.of("sleep", "1"), List.of("cat")), "n0nce", "echo done >&2");
        // as sshd starts it: HUP at its default. Under nohup (a CI started in the background) the JVM and so this sh
        // inherit HUP ignored, and a non-interactive sh may not trap a signal ignored on entry: it ran on to exit 0
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=HUP", "sh", "-c", script).redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (countIn(tmp) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, countIn(tmp), "the script made its temp directory");
        if (signal.equals("PIPE")) {
            p.getErrorStream().close(); // the connection is gone: the next status line raises SIGPIPE
        } else {
            new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
        }
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(signal.equals("PIPE") ? 141 : 129, p.exitValue(), "the trap's exit, not death by the signal");
        assertEquals(0, countIn(tmp), "the EXIT trap removed the FIFOs' directory");
    }

    private static long countIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(x -> x.getFileName().toString().startsWith("sluice.")).count();
        }
    }

    @Test
    void timeoutStopsTheRemotePipeline() {
        ProcessCommandRunner r = SSHD.get().userRunner();
        CommandException e = assertThrows(CommandException.TimedOut.class, () -> r.startPipeline(List.of(
                Command.of("sleep", "300").withTimeout(Duration.ofSeconds(1)), Command.of("cat").untimed()), List.of()).results());
        assertTrue(e.getMessage().startsWith("sleep did not finish within 1 s"), e.getMessage());
    }

    @Test
    void aClosedPortIsHostUnreachable() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProcessCommandRunner r = Runners.forHost(Host.ssh("root@127.0.0.1", closed, SSHD.get().clientKey().toString(), Elevation.NONE),
                new CommandJournal(), Sshd.TEST_SSH_OPTIONS);
        CommandException e = assertThrows(CommandException.HostUnreachable.class,
                () -> r.startPipeline(List.of(Command.of("true"), Command.of("cat")), List.of()).results());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }

    @Test
    void aStageRefusedBySudoIsPrivilegeDenied() {
        ProcessCommandRunner r = SSHD.get().runner(Sshd.UNPRIVILEGED, Elevation.SUDO, new CommandJournal());
        CommandException e = assertThrows(CommandException.PrivilegeDenied.class, () -> r.startPipeline(List.of(
                Command.of("zfs", "send", "pool/vm@s1").asRoot(), Command.of("cat")), List.of()).results());
        assertTrue(e.getMessage().startsWith("sudo refused to run zfs without a password on sluice-test@127.0.0.1."), e.getMessage());
    }

    private static long ourTempDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sluice."))
                    .filter(p -> {
                        try {
                            return Files.getOwner(p).getName().equals(Sshd.UNPRIVILEGED);
                        } catch (IOException gone) {
                            return false;
                        }
                    }).count();
        }
    }
}
