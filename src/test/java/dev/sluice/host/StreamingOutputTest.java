package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.sshd.SshdExtension;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11 item 8: a stream (its stdout lines go to a listener: diskstats loop, zpool iostat, QMP
 * bridge) does not pile its stdout up in the result, and a line without a newline is capped.
 */
class StreamingOutputTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();

    private static CommandRunner runner(String where) {
        return where.equals("ssh") ? SSHD.get().userRunner() : ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "ssh"})
    void aStreamKeepsOnlyTheStartOfItsStdout(String where) throws Exception {
        AtomicLong lines = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        CommandResult r = runner(where).start(Command.of("sh", "-c", "yes 0123456789 | head -c 22000000").untimed(), new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                lines.incrementAndGet();
                bytes.addAndGet(line.length() + 1);
            }
        }).await();
        assertEquals(2_000_000, lines.get(), "the listener sees every line");
        assertEquals(22_000_000, bytes.get());
        assertTrue(r.stdout().length() <= ProcessCommandRunner.STREAM_STDOUT_KEPT, "kept " + r.stdout().length() + " bytes");
        assertTrue(r.truncated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "ssh"})
    void aLineWithoutANewlineIsCapped(String where) throws Exception {
        AtomicLong longest = new AtomicLong();
        AtomicLong count = new AtomicLong();
        runner(where).start(Command.of("sh", "-c", "head -c 6000000 /dev/zero | tr '\\0' x; echo; echo after").untimed(), new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                count.incrementAndGet();
                longest.accumulateAndGet(line.length(), Math::max);
            }
        }).await();
        assertEquals(OutputCollector.MAX_LINE, longest.get());
        assertEquals(2, count.get(), "the cut line, then the next one");
    }

    /** Without a listener the result is the point: a plain command keeps its whole stdout (up to the cap). */
    @ParameterizedTest
    @ValueSource(strings = {"local"})
    void aPlainCommandKeepsItsStdout(String where) throws Exception {
        CommandResult r = runner(where).run(Command.of("sh", "-c", "yes 0123456789 | head -c 2000000"));
        assertEquals(2_000_000, r.stdout().length());
    }
}
