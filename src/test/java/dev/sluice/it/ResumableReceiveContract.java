package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningPipeline;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsErrors;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.Zvol;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A transfer that breaks off (a stream cut short, or the user cancelling mid-stream) leaves a
 * resume token; resuming from it gives byte-identical data. A token whose source is gone is
 * detected before anything is sent, and starting over needs the user's consent.
 *
 * <p>The product's own send and receive argv are used; the tests only put a stage between them
 * ({@code head -c} to cut the stream, a perl loop to slow it) to make the break happen.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResumableReceiveContract {
    private static final int MIB = 24;

    Testbed tb;
    ZfsService zfs;
    String checksum;

    @BeforeAll
    void sourceWithData(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshPool("here", 3);
        tb.freshPool("there", 4);
        zfs = new ZfsService(tb.runner());
        Zvol vol = zfs.createZvol("here/vm", "32M", false, null, Map.of());
        checksum = tb.writeRandom(vol.devicePath(), MIB);
        zfs.snapshot(List.of("here/vm@migrate"));
    }

    @Test
    void aStreamCutShortResumesFromItsTokenToIdenticalData() throws Exception {
        List<CommandResult> rs = pipelineWithMiddle("there/cut", Command.of("head", "-c", String.valueOf(5 << 20)))
                .results();
        CommandResult receive = rs.get(2);
        assertFalse(receive.ok());
        ZfsCommandException interrupted = ZfsErrors.classify(receive.command(), receive.exitCode(), receive.stderr(), null);
        assertEquals(ZfsException.Kind.RECEIVE_INTERRUPTED, interrupted.kind(), interrupted.getMessage());
        String token = zfs.resumeToken("there/cut").orElseThrow();
        assertEquals(token, interrupted.resumeToken().orElseThrow());
        assertTrue(zfs.dataset("there/cut").orElseThrow().hasPartialReceive());

        zfs.resumeReceive(ReceiveSpec.into("there/cut")).run(p -> { });
        assertTrue(zfs.resumeToken("there/cut").isEmpty());
        assertEquals(checksum, tb.sha256("/dev/zvol/there/cut", MIB));
    }

    @Test
    void aCancelledTransferStopsOnTheHostAndResumesToIdenticalData() throws Exception {
        CountDownLatch flowing = new CountDownLatch(1);
        AtomicInteger progressLines = new AtomicInteger();
        OutputListener sendProgress = new OutputListener() {
            @Override
            public void stderrLine(String line) {
                // send -vP prints "HH:MM:SS <bytes> <snapshot>" once a second while data flows
                if (line.matches("\\d\\d:\\d\\d:\\d\\d\\s+\\d+\\s+.*") && progressLines.incrementAndGet() >= 2) {
                    flowing.countDown();
                }
            }
        };
        // ~2 MiB/s: 24 MiB take ~12 s, so two seconds in is mid-stream
        Command slow = Command.of("perl", "-e", "$|=1; while (read(STDIN, $b, 65536)) { print $b; select(undef, undef, undef, 0.03) }")
                .untimed();
        RunningPipeline p = startPipeline("there/cancelled", slow, sendProgress);
        assertTrue(flowing.await(60, TimeUnit.SECONDS), "the send never reported progress");
        p.cancel();
        assertThrows(CommandException.Cancelled.class, p::results);

        // the SSH transport must have ended the remote processes, not only the local ssh
        String left = tb.sh("for i in $(seq 50); do pgrep -x zfs >/dev/null || pgrep -x perl >/dev/null || exit 0; sleep 0.2; done;"
                + " ps -eo pid,args | grep -E 'zfs (send|receive)|perl' | grep -v grep; true").strip();
        assertEquals("", left, "processes left on the host after cancel");

        String token = zfs.resumeToken("there/cancelled").orElseThrow(
                () -> new AssertionError("no resume token after a cancelled receive -s"));
        assertFalse(token.isBlank());
        zfs.resumeReceive(ReceiveSpec.into("there/cancelled")).run(pr -> { });
        assertEquals(checksum, tb.sha256("/dev/zvol/there/cancelled", MIB));
    }

    @Test
    void aTokenWhoseSourceIsGoneIsCaughtAndStartingOverNeedsConsent() throws Exception {
        zfs.snapshot(List.of("here/vm@doomed"));
        pipelineWithMiddle("there/stale", Command.of("head", "-c", String.valueOf(3 << 20)), "here/vm@doomed").results();
        assertTrue(zfs.resumeToken("there/stale").isPresent());
        zfs.destroy("here/vm@doomed", dev.sluice.zfs.DestroyFlags.NONE);

        ZfsCommandException stale = assertThrows(ZfsCommandException.class,
                () -> zfs.resumeReceive(ReceiveSpec.into("there/stale")));
        assertEquals(ZfsException.Kind.RESUME_TOKEN_INVALID, stale.kind(), stale.getMessage());
        assertTrue(stale.getMessage().contains("there/stale"), stale.getMessage());

        SendSpec fresh = SendSpec.full("here/vm@migrate");
        ZfsCommandException partial = assertThrows(ZfsCommandException.class,
                () -> zfs.restartReceive(fresh, ReceiveSpec.into("there/stale"), false));
        assertEquals(ZfsException.Kind.RECEIVE_PARTIAL_STATE, partial.kind(), partial.getMessage());
        assertTrue(zfs.resumeToken("there/stale").isPresent(), "nothing discarded without consent");

        zfs.restartReceive(fresh, ReceiveSpec.into("there/stale"), true).run(p -> { });
        assertEquals(checksum, tb.sha256("/dev/zvol/there/stale", MIB));
    }

    @Test
    void resumingWhereNothingWasInterruptedSaysSo() throws Exception {
        zfs.createZvol("there/whole", "16M", true, null, Map.of());
        ZfsCommandException e = assertThrows(ZfsCommandException.class,
                () -> zfs.resumeReceive(ReceiveSpec.into("there/whole")));
        assertEquals(ZfsException.Kind.NO_RESUME_TOKEN, e.kind(), e.getMessage());
    }

    private RunningPipeline pipelineWithMiddle(String target, Command middle) throws Exception {
        return pipelineWithMiddle(target, middle, "here/vm@migrate");
    }

    private RunningPipeline pipelineWithMiddle(String target, Command middle, String snapshot) throws Exception {
        List<Command> sr = zfs.sendReceive(SendSpec.full(snapshot), ReceiveSpec.into(target)).commands();
        return tb.runner().startPipeline(List.of(sr.get(0), middle, sr.get(1)), List.of());
    }

    private RunningPipeline startPipeline(String target, Command middle, OutputListener sendListener) throws Exception {
        List<Command> sr = zfs.sendReceive(SendSpec.full("here/vm@migrate"), ReceiveSpec.into(target)).commands();
        return tb.runner().startPipeline(List.of(sr.get(0), middle, sr.get(1)),
                List.of(sendListener, OutputListener.NONE, OutputListener.NONE));
    }
}
