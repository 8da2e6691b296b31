package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What each route runs and shows with and without compression and buffers; the probe; per-stage results. */
class WireRouteTest {
    private static final CommandJournal JOURNAL = new CommandJournal();
    private final ProcessCommandRunner nas = Runners.forHost(Host.ssh("root@nas", 0, null, Elevation.NONE), JOURNAL, List.of());
    private final ProcessCommandRunner backup = Runners.forHost(Host.ssh("admin@backup", 2222, null, Elevation.SUDO), JOURNAL, List.of());
    private final ProcessCommandRunner here = ProcessCommandRunner.local(Host.local(Elevation.NONE), JOURNAL);
    private final SshHop hop = new SshHop("root@backup", 0);

    private static final Command SEND = Command.of("zfs", "send", "-vP", "tank/vm@s1").asRoot().untimed();
    private static final Command RAW_SEND = Command.of("zfs", "send", "-w", "-vP", "tank/vm@s1").asRoot().untimed();
    private static final Command RECEIVE = Command.of("zfs", "receive", "-s", "-u", "pool/vm").asRoot().untimed();
    private static final WireOptions.Buffer MB = new WireOptions.Buffer(WireOptions.Buffer.DEFAULT_BYTES);
    private static final WireOptions ALL = new WireOptions(Optional.of(WireOptions.Compressor.ZSTD), Optional.of(MB), Optional.of(MB));

    private static final String HOP = "ssh -T -x -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=15"
            + " -o ServerAliveInterval=15 -o ServerAliveCountMax=4 -- root@backup ";

    @Test
    void relayedWithoutWireStagesIsTheTwoSshClientsAsBefore() {
        assertEquals("ssh root@nas 'zfs send -vP tank/vm@s1' | ssh -p 2222 admin@backup 'sudo -n -- zfs receive -s -u pool/vm'",
                StreamRoute.relayed(nas, backup).shell(SEND, RECEIVE));
    }

    @Test
    void relayedCompressesAndBuffersOnEachSide() {
        assertEquals("ssh root@nas 'zfs send -vP tank/vm@s1 | zstd -q -1 -T0 | mbuffer -q -s 128k -m 128M'"
                        + " | ssh -p 2222 admin@backup 'mbuffer -q -s 128k -m 128M | zstd -q -d | sudo -n -- zfs receive -s -u pool/vm'",
                StreamRoute.relayed(nas, backup, ALL).shell(SEND, RECEIVE));
    }

    @Test
    void relayedWithOnlyATargetBufferAndLz4() {
        WireOptions w = new WireOptions(Optional.of(WireOptions.Compressor.LZ4), Optional.empty(), Optional.of(MB));
        assertEquals("ssh root@nas 'zfs send -vP tank/vm@s1 | lz4 -q -1 -c'"
                        + " | ssh -p 2222 admin@backup 'mbuffer -q -s 128k -m 128M | lz4 -q -d -c | sudo -n -- zfs receive -s -u pool/vm'",
                StreamRoute.relayed(nas, backup, w).shell(SEND, RECEIVE));
    }

    @Test
    void fromThisMachineTheLocalStagesAreTypedAsTheyAre() {
        assertEquals("zfs send -vP tank/vm@s1 | zstd -q -1 -T0 | mbuffer -q -s 128k -m 128M"
                        + " | ssh -p 2222 admin@backup 'mbuffer -q -s 128k -m 128M | zstd -q -d | sudo -n -- zfs receive -s -u pool/vm'",
                StreamRoute.relayed(here, backup, ALL).shell(SEND, RECEIVE));
    }

    @Test
    void aRawSendIsNotCompressedButStillBuffered() {
        assertEquals("ssh root@nas 'zfs send -w -vP tank/vm@s1 | mbuffer -q -s 128k -m 128M'"
                        + " | ssh -p 2222 admin@backup 'mbuffer -q -s 128k -m 128M | sudo -n -- zfs receive -s -u pool/vm'",
                StreamRoute.relayed(nas, backup, ALL).shell(RAW_SEND, RECEIVE));
        assertTrue(WireOptions.isRawSend(Command.of("zfs", "send", "-wc", "a@b")));
        assertTrue(WireOptions.isRawSend(Command.of("zfs", "send", "--raw", "a@b")));
        assertFalse(WireOptions.isRawSend(Command.of("zfs", "send", "-c", "-i", "@w", "a@b")));
        assertFalse(WireOptions.isRawSend(Command.of("cat", "-w")));
    }

    @Test
    void directWithoutWireStagesIsAsBefore() {
        assertEquals("ssh root@nas 'zfs send -vP tank/vm@s1 | " + HOP + "'\\''sudo -n -- zfs receive -s -u pool/vm'\\'''",
                StreamRoute.direct(nas, hop, backup).shell(SEND, RECEIVE));
    }

    @Test
    void directCompressesOnTheSourceAndDecompressesInsideTheHop() {
        String shown = StreamRoute.direct(nas, hop, backup, ALL).shell(SEND, RECEIVE);
        assertEquals("ssh root@nas 'zfs send -vP tank/vm@s1 | zstd -q -1 -T0 | mbuffer -q -s 128k -m 128M | " + HOP
                        + "'\\''mbuffer -q -s 128k -m 128M | zstd -q -d | sudo -n -- zfs receive -s -u pool/vm'\\'''",
                shown);
    }

    @Test
    void onOneHostNothingIsOnTheWire() {
        StreamRoute r = StreamRoute.onHost(nas);
        assertEquals("zfs send -vP tank/vm@s1 | zfs receive -s -u pool/vm", r.shell(SEND, RECEIVE));
        assertTrue(r.wire().isNone());
    }

    @Test
    void theStagesOfOneSshHostRunAsOneMarkedShLine() {
        List<WirePipeline.Group> groups = WirePipeline.on(backup, List.of(MB.command(), WireOptions.Compressor.ZSTD.decompress(), RECEIVE));
        assertEquals(1, groups.size());
        assertEquals(List.of("sh", "-c", "{ mbuffer -q -s 128k -m 128M || echo SLUICE-WIRE 0 $? >&2; }"
                + " | { zstd -q -d || echo SLUICE-WIRE 1 $? >&2; } | sudo -n -- zfs receive -s -u pool/vm"), groups.get(0).process().argv());
        assertFalse(groups.get(0).process().hasTimeout());
        // on this machine each stage is its own process, joined by OS pipes
        assertEquals(3, WirePipeline.on(here, List.of(SEND, WireOptions.Compressor.ZSTD.compress(), MB.command())).size());
    }

    @Test
    void aMiddleStageThatFailedFailsTheStreamThoughTheLastExitedZero() {
        List<Command> stages = List.of(MB.command(), WireOptions.Compressor.ZSTD.decompress(), RECEIVE);
        CommandResult process = result(Command.of("sh"), 0, "received\n",
                "zstd: /*stdin*\\: unknown header\nSLUICE-WIRE 1 1\n");
        List<CommandResult> rs = WirePipeline.split(stages, process);
        assertEquals(List.of(0, 1, 0), rs.stream().map(CommandResult::exitCode).toList());
        assertEquals(stages, rs.stream().map(CommandResult::command).toList());
        assertEquals("zstd: /*stdin*\\: unknown header\n", rs.get(1).stderr());
        assertEquals("received\n", rs.get(2).stdout());
        assertFalse(rs.get(2).stderr().contains("SLUICE-WIRE"));

        WirePipeline.Group g = new WirePipeline.Group(stages, Command.of("sh"));
        RunningPipeline p = WirePipeline.of(List.of(new WirePipeline.Group(List.of(SEND), SEND), g), completed(
                List.of(result(SEND, 0, "", ""), process)));
        assertEquals(4, p.stages().size());
        CommandException.Failed f = assertThrows(CommandException.Failed.class, p::await);
        assertEquals("zstd failed (exit 1): zstd: /*stdin*\\: unknown header", f.getMessage());
    }

    @Test
    void theFirstStageKeepsTheSharedStderrForItsProgressAndErrors() {
        List<Command> stages = List.of(SEND, WireOptions.Compressor.ZSTD.compress(), MB.command());
        List<CommandResult> rs = WirePipeline.split(stages, result(Command.of("sh"), 0, "", "full\ttank/vm@s1\t1024\nSLUICE-WIRE 0 1\n"));
        assertEquals(1, rs.get(0).exitCode());
        assertEquals("full\ttank/vm@s1\t1024\n", rs.get(0).stderr());
        assertEquals("", rs.get(1).stderr());
    }

    @Test
    void theProbeReadsProgramNamesAndIgnoresChatter() {
        WireTools t = WireTools.parse("Welcome to nas\nzstd\nmbuffer\n/usr/bin/zstd\n");
        assertEquals(Set.of("zstd", "mbuffer"), t.programs());
        assertEquals("sh", WireTools.probeCommand().program());
        assertFalse(WireTools.probeCommand().needsRoot());
    }

    @Test
    void zstdIsPreferredLz4IsTheFallbackAndEachEndBuffersOnItsOwn() {
        WireTools zstdMbuffer = new WireTools(Set.of("zstd", "lz4", "mbuffer"));
        WireTools lz4Only = new WireTools(Set.of("lz4"));
        WireTools nothing = new WireTools(Set.of());
        assertEquals(ALL, WireTools.choose(zstdMbuffer, zstdMbuffer));
        WireOptions w = WireTools.choose(zstdMbuffer, lz4Only);
        assertEquals(Optional.of(WireOptions.Compressor.LZ4), w.compression());
        assertTrue(w.sourceBuffer().isPresent());
        assertTrue(w.targetBuffer().isEmpty());
        assertTrue(WireTools.choose(nothing, zstdMbuffer).compression().isEmpty());
        assertTrue(WireTools.choose(nothing, nothing).isNone());
    }

    @Test
    void theRealProbeOnThisMachineFindsWhatIsOnThePath() {
        WireTools t = WireTools.probe(here);
        assertEquals(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/zstd")), t.has("zstd"));
    }

    @Test
    void withoutWireStagesThePipelineIsNotWrapped() {
        RunningPipeline inner = completed(List.of());
        assertSame(inner, WirePipeline.of(List.of(new WirePipeline.Group(List.of(SEND), SEND)), inner));
    }

    static CommandResult result(Command c, int exit, String out, String err) {
        return new CommandResult(c, "backup", exit, out, err, Instant.now(), Duration.ofSeconds(1), false);
    }

    static RunningPipeline completed(List<CommandResult> rs) {
        return new RunningPipeline() {
            @Override
            public List<Command> stages() {
                return rs.stream().map(CommandResult::command).toList();
            }

            @Override
            public CompletableFuture<List<CommandResult>> future() {
                return CompletableFuture.completedFuture(rs);
            }

            @Override
            public void cancel() {
            }
        };
    }
}
