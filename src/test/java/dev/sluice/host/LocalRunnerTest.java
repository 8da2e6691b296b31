package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The local process runner: results, typed failures, killing, big output, line splitting. */
class LocalRunnerTest {
    private final CommandJournal journal = new CommandJournal();
    private final ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), journal);
    private final List<CommandJournal.Entry> entries = new CopyOnWriteArrayList<>();

    LocalRunnerTest() {
        journal.addListener(entries::add);
    }

    @Test
    void exitCodeAndStderrComeBack() throws Exception {
        CommandResult r = runner.runAllowingFailure(Command.of("sh", "-c", "echo out; echo err >&2; exit 7"));
        assertEquals(7, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertFalse(r.ok());
    }

    @Test
    void nonZeroExitIsFailedWithStderrInTheMessage() {
        CommandException.Failed f = assertThrows(CommandException.Failed.class,
                () -> runner.run(Command.of("sh", "-c", "echo \"cannot open 'tank/x': dataset does not exist\" >&2; exit 1")));
        assertEquals("sh failed (exit 1): cannot open 'tank/x': dataset does not exist", f.getMessage());
        assertEquals(1, f.exitCode());
    }

    @Test
    void missingProgramIsNotInstalledWithTheInstallHint() {
        CommandException e = assertThrows(CommandException.NotInstalled.class, () -> runner.run(Command.of("zpool-missing-here")));
        assertEquals("zpool-missing-here is not installed on Local host. Install it, or check that it is on PATH for this host.", e.getMessage());
        CommandException.NotInstalled zfs = new CommandException.NotInstalled(Command.of("zfs"), "zfs", "nas");
        assertTrue(zfs.getMessage().startsWith("zfs is not installed on nas. Install OpenZFS: `apt install zfsutils-linux`"), zfs.getMessage());
    }

    @Test
    void messagesAreInEnglish() throws Exception {
        assertEquals("C\n", runner.run(Command.of("sh", "-c", "echo \"$LC_MESSAGES\"")).stdout());
    }

    @Test
    void stdinIsFedWhileOutputIsDrained() throws Exception {
        byte[] in = new byte[4 * 1024 * 1024];
        Arrays.fill(in, (byte) 'z');
        CommandResult r = runner.run(Command.of("cat").withStdin(in));
        assertEquals(in.length, r.stdout().length());
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        List<String> pids = new CopyOnWriteArrayList<>();
        RunningCommand c = runner.start(Command.of("sh", "-c", "sleep 300 & echo $!; sleep 300 & echo $!; wait")
                .withTimeout(Duration.ofSeconds(1)), stdoutTo(pids));
        CommandException e = assertThrows(CommandException.TimedOut.class, c::result);
        assertEquals("sh did not finish within 1 s and was stopped. The host may be overloaded or the command stuck;"
                + " try again, or run it by hand from Activity → Copy as shell.", e.getMessage());
        assertGone(pids);
    }

    @Test
    void cancelKillsGrandchildren() throws Exception {
        List<String> pids = new CopyOnWriteArrayList<>();
        RunningCommand c = runner.start(Command.of("sh", "-c", "sleep 300 & echo $!; sleep 300 & echo $!; wait").untimed(), stdoutTo(pids));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pids.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, pids.size());
        pids.forEach(p -> assertTrue(ProcessHandle.of(Long.parseLong(p)).isPresent()));
        c.cancel();
        assertThrows(CommandException.Cancelled.class, c::result);
        assertGone(pids);
        assertEquals(CommandJournal.State.CANCELLED, lastState());
    }

    private CommandJournal.State lastState() {
        return entries.get(entries.size() - 1).state();
    }

    /** 50 MB on stdout (and 5 MB on stderr at the same time): no deadlock, the result is capped and says so. */
    @Test
    void fiftyMegabytesAreCappedNotDeadlocked() throws Exception {
        int cap = 8 * 1024 * 1024;
        AtomicLong lines = new AtomicLong();
        OutputListener counter = new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                lines.incrementAndGet();
            }
        };
        RunningCommand c = runner.withStdoutCap(cap).start(Command.of("sh", "-c",
                "head -c 5000000 /dev/zero >&2 & yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678 | head -c 52428800; wait"),
                counter);
        CommandResult r = c.await();
        // its lines went to a listener: a stream, whose result keeps only the start (issue 11 item 8)
        assertEquals(Math.min(cap, ProcessCommandRunner.STREAM_STDOUT_KEPT), r.stdout().length());
        assertTrue(r.truncated());
        assertEquals(52428800 / 72 + 1, lines.get(), "every line reached the listener");
        assertEquals(ProcessCommandRunner.STDERR_CAP, r.stderr().length());
    }

    @Test
    void linesEndAtLfCrLfOrLoneCr() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        runner.start(Command.of("printf", "a\\r\\nb\\rc\\nd\\n\\ne"), stdoutTo(out)).await();
        assertEquals(List.of("a", "b", "c", "d", "", "e"), out);
    }

    /** A CR/LF pair split across two reads is still one line end. */
    @Test
    void crLfSplitAcrossReadsIsOneLineEnd() throws Exception {
        List<String> out = new ArrayList<>();
        InputStream chunky = new InputStream() {
            private final byte[][] chunks = {"one\r".getBytes(StandardCharsets.UTF_8), "\ntwo\r".getBytes(StandardCharsets.UTF_8),
                    "\n".getBytes(StandardCharsets.UTF_8), "thr\u00e9".getBytes(StandardCharsets.UTF_8)};
            private int i;
            private ByteArrayInputStream current = new ByteArrayInputStream(new byte[0]);

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (current.available() == 0) {
                    if (i == chunks.length) {
                        return -1;
                    }
                    current = new ByteArrayInputStream(chunks[i++]);
                }
                return current.read(b, off, Math.min(len, 1 + i % 2));
            }
        };
        OutputCollector c = new OutputCollector(chunky, 1024, out::add);
        c.run();
        assertEquals(List.of("one", "two", "thr\u00e9"), out);
        assertEquals("one\r\ntwo\r\nthr\u00e9", c.text());
    }

    @Test
    void localPipelineReportsEachStage() throws Exception {
        List<String> err0 = new CopyOnWriteArrayList<>();
        List<CommandResult> rs = runner.startPipeline(List.of(
                Command.of("sh", "-c", "echo 'sending' >&2; printf 'b\\na\\n'; exit 2"),
                Command.of("sort")), List.of(stderrTo(err0))).results();
        assertEquals(2, rs.get(0).exitCode());
        assertEquals("sending\n", rs.get(0).stderr());
        assertEquals(List.of("sending"), err0);
        assertEquals(0, rs.get(1).exitCode());
        assertEquals("a\nb\n", rs.get(1).stdout());
    }

    @Test
    void aFailingFirstStageFailsTheAwait() {
        CommandException.Failed f = assertThrows(CommandException.Failed.class, () -> runner.startPipeline(List.of(
                Command.of("sh", "-c", "echo 'cannot send: no such snapshot' >&2; exit 1"), Command.of("cat")), List.of()).await());
        assertEquals("sh failed (exit 1): cannot send: no such snapshot", f.getMessage());
    }

    @Test
    void aMissingFirstStageIsNotInstalled() {
        assertThrows(CommandException.NotInstalled.class, () -> runner.startPipeline(List.of(
                Command.of("zfs-missing-here", "send"), Command.of("cat")), List.of()).results());
    }

    private static OutputListener stdoutTo(List<String> sink) {
        return new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                sink.add(line);
            }
        };
    }

    private static OutputListener stderrTo(List<String> sink) {
        return new OutputListener() {
            @Override
            public void stderrLine(String line) {
                sink.add(line);
            }
        };
    }

    private static void assertGone(List<String> pids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (String p : pids) {
            long pid = Long.parseLong(p);
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " survived");
        }
    }
}
