package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.host.sshd.Sshd;
import dev.sluice.host.sshd.SshdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real streams with real zstd (and mbuffer where installed) between two SSH logins on this machine's sshd: the
 * bytes arrive intact, and a stage between the ends that fails fails the stream.
 */
class WireStreamTest {
    @RegisterExtension
    static final SshdExtension SSHD = new SshdExtension();
    private static final WireOptions.Buffer MB = new WireOptions.Buffer(WireOptions.Buffer.DEFAULT_BYTES);

    private static boolean installed(String program) {
        return Files.isExecutable(Path.of("/usr/bin", program)) || Files.isExecutable(Path.of("/bin", program));
    }

    /** 4 MiB that compress somewhat (runs of zeros between random blocks), like a zvol. */
    private static Path input(Path dir) throws Exception {
        byte[] b = new byte[4 * 1024 * 1024];
        Random r = new Random(16);
        for (int i = 0; i < b.length; i += 8192) {
            if (r.nextBoolean()) {
                byte[] block = new byte[4096];
                r.nextBytes(block);
                System.arraycopy(block, 0, b, i, block.length);
            }
        }
        Path in = Files.createTempFile(dir, "in", ".bin");
        Files.write(in, b);
        in.toFile().setReadable(true, false);
        return in;
    }

    private static List<CommandResult> relay(WireOptions wire, Path in, Path out) throws Exception {
        ProcessCommandRunner a = SSHD.get().userRunner();
        ProcessCommandRunner b = SSHD.get().runner("root", Elevation.NONE, new CommandJournal());
        StreamRoute route = StreamRoute.relayed(a, b, wire);
        List<String> progress = new CopyOnWriteArrayList<>();
        OutputListener sendErr = new OutputListener() {
            @Override
            public void stderrLine(String line) {
                progress.add(line);
            }
        };
        Command producer = Command.of("sh", "-c", "cat \"$1\"; echo sent >&2", "sh", in.toString()).untimed();
        Command consumer = Command.of("sh", "-c", "cat >\"$1\"", "sh", out.toString()).untimed();
        List<CommandResult> rs = route.start(producer, consumer, List.of(sendErr, OutputListener.NONE)).await();
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out));
        // the producer's stderr still reaches its listener (zfs send's progress), without the markers
        assertEquals(List.of("sent"), progress);
        return rs;
    }

    @Test
    void aRelayedZstdStreamArrivesIntact() throws Exception {
        assumeTrue(installed("zstd"), "zstd is not installed here");
        Path dir = SSHD.get().scratch();
        Path out = dir.resolve("relayed-zstd.bin");
        List<CommandResult> rs = relay(new WireOptions(Optional.of(WireOptions.Compressor.ZSTD), Optional.empty(), Optional.empty()),
                input(dir), out);
        assertEquals(List.of("sh", "zstd", "zstd", "sh"), rs.stream().map(r -> r.command().program()).toList());
        assertTrue(rs.stream().allMatch(CommandResult::ok));
    }

    @Test
    void aRelayedZstdStreamThroughMbufferOnBothEndsArrivesIntact() throws Exception {
        assumeTrue(installed("zstd"), "zstd is not installed here");
        assumeTrue(installed("mbuffer"), "mbuffer is not installed here");
        Path dir = SSHD.get().scratch();
        List<CommandResult> rs = relay(new WireOptions(Optional.of(WireOptions.Compressor.ZSTD), Optional.of(MB), Optional.of(MB)),
                input(dir), dir.resolve("relayed-mbuffer.bin"));
        assertEquals(List.of("sh", "zstd", "mbuffer", "mbuffer", "zstd", "sh"), rs.stream().map(r -> r.command().program()).toList());
    }

    @Test
    void aMiddleStageThatDiesFailsTheStreamThoughTheReceiverExitsZero() throws Exception {
        ProcessCommandRunner a = SSHD.get().userRunner();
        ProcessCommandRunner b = SSHD.get().runner("root", Elevation.NONE, new CommandJournal());
        List<WirePipeline.Group> groups = new ArrayList<>(WirePipeline.on(a, List.of(
                Command.of("sh", "-c", "head -c 1000 /dev/zero").untimed(),
                Command.of("sh", "-c", "head -c 1000 >/dev/null; echo 'compressor: out of memory' >&2; exit 3").untimed())));
        groups.addAll(WirePipeline.on(b, List.of(Command.of("cat").untimed(), Command.of("sh", "-c", "cat >/dev/null").untimed())));
        RunningPipeline p = WirePipeline.of(groups, LocalPipeline.across(List.of(a, b),
                groups.stream().map(WirePipeline.Group::process).toList(), List.of()));
        CommandException.Failed f = assertThrows(CommandException.Failed.class, p::await);
        assertEquals(3, f.result().exitCode());
        assertTrue(f.getMessage().contains("compressor: out of memory"), f.getMessage());
        assertEquals(List.of(0, 3, 0, 0), p.results().stream().map(CommandResult::exitCode).toList());
    }

    /**
     * A direct route's far side is {@code sh -c '<marked stages>'} handed to the far host's login shell: it must
     * read the same in sh, tcsh and fish. Sent here by the local ssh client, as the source host's would.
     */
    @ParameterizedTest
    @ValueSource(strings = {Sshd.UNPRIVILEGED, Sshd.TCSH_USER, Sshd.FISH_USER})
    void theFarSideOfADirectRouteRunsUnderAnyLoginShell(String user) throws Exception {
        assumeTrue(installed("zstd"), "zstd is not installed here");
        Path dir = SSHD.get().scratch();
        Path in = input(dir);
        Path out = dir.resolve("direct-" + user + ".bin");
        ProcessCommandRunner here = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());
        Command consumer = Command.of("sh", "-c", "cat >\"$1\"", "sh", out.toString()).untimed();
        List<Command> far = List.of(WireOptions.Compressor.ZSTD.decompress(), consumer);
        List<String> ssh = new ArrayList<>(List.of("ssh", "-T", "-x", "-o", "BatchMode=yes", "-i", SSHD.get().clientKey().toString(),
                "-p", Integer.toString(SSHD.get().port())));
        ssh.addAll(Sshd.TEST_SSH_OPTIONS);
        ssh.addAll(List.of("--", user + "@127.0.0.1",
                ShellQuote.join(List.of("sh", "-c", WirePipeline.markedLine(far.stream().map(Command::argv).toList())))));
        List<WirePipeline.Group> groups = List.of(
                new WirePipeline.Group(List.of(Command.of("cat", in.toString())), Command.of("cat", in.toString())),
                new WirePipeline.Group(List.of(WireOptions.Compressor.ZSTD.compress()), WireOptions.Compressor.ZSTD.compress()),
                new WirePipeline.Group(far, Command.of(ssh).untimed()));
        List<CommandResult> rs = WirePipeline.of(groups, here.startPipeline(
                groups.stream().map(WirePipeline.Group::process).toList(), List.of())).await();
        assertEquals(4, rs.size());
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out));

        // no compressor on the near side: the far zstd -d refuses the stream, the consumer still exits 0
        List<WirePipeline.Group> broken = List.of(groups.get(0), groups.get(2));
        RunningPipeline p = WirePipeline.of(broken, here.startPipeline(broken.stream().map(WirePipeline.Group::process).toList(), List.of()));
        assertThrows(CommandException.Failed.class, p::await);
        List<CommandResult> rs2 = p.results();
        // the near cat may also see its pipe close early (141): either way the stream failed
        assertEquals("zstd", rs2.get(1).command().program());
        assertTrue(rs2.get(1).exitCode() != 0, rs2.get(1).toString());
        assertTrue(rs2.get(1).stderr().contains("zstd"), rs2.get(1).stderr());
        assertEquals(0, rs2.get(2).exitCode());
    }
}
