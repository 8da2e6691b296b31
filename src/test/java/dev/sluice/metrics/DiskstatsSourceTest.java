package dev.sluice.metrics;

import dev.sluice.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.testing.ScriptedRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskstatsSourceTest {
    private static final long SECOND = 1_000_000_000L;
    @TempDir
    Path dir;
    private final AtomicLong nanos = new AtomicLong();
    private final ScriptedRunner runner = new ScriptedRunner();

    private DiskstatsSource local(Path file) {
        return new DiskstatsSource(runner, file, nanos::get, () -> 1_700_000_000_000L + nanos.get() / 1_000_000);
    }

    /** Real links and diskstats of one guest: "tank/vm disks/web 1" (zd0, with a partition zd0p1) and "tank/plain" (zd16). */
    private static final String LINKS = "captured/names/openzfs-2.3/find-dev-zvol-spaces.txt";
    private static final String ZD_STATS = "captured/names/openzfs-2.3/proc-diskstats-zd-spaces.txt";
    private static final String WEB = "tank/vm disks/web 1";

    @Test
    void namesZvolsThroughDevZvolLinksAndLeavesOutPartitionsAndLoops() throws IOException {
        runner.on(ZvolLinks.findArgv().toArray(String[]::new)).stdout(Fixtures.read(LINKS));
        Path file = dir.resolve("diskstats");
        Files.writeString(file, Fixtures.read("openzfs-2.3/proc-diskstats.txt").lines()
                .filter(l -> !l.matches(".* zd[0-9]+(p[0-9]+)? .*")).reduce("", (a, b) -> a + b + "\n") + Fixtures.read(ZD_STATS));
        DiskstatsSource source = local(file);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        source.poll();
        List<String> names = sink.last().devices().stream().map(Device::name).toList();
        assertEquals(List.of("tank/plain", WEB, "vda", "vdb", "vdc", "vdd"), names);
        assertTrue(sink.last().rates().isEmpty(), "first reading: no rate yet");
        assertEquals(Device.Kind.ZVOL, sink.last().devices().get(1).kind());
        assertEquals("tank", sink.last().devices().get(1).group());
    }

    @Test
    void writesToAZvolShowAsItsWriteRate() throws IOException {
        runner.on(ZvolLinks.findArgv().toArray(String[]::new)).stdout(Fixtures.read(LINKS));
        Path file = dir.resolve("diskstats");
        String before = Fixtures.read(ZD_STATS);
        Files.writeString(file, before);
        DiskstatsSource source = local(file);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        source.poll();
        // dd wrote 48 MiB (98304 sectors) in 96 writes during the next second
        String after = before.replace(" 230       0 zd0 130 0 2640 208 2 0 16 ", " 230       0 zd0 130 0 2640 208 98 0 98320 ");
        assertTrue(!after.equals(before));
        Files.writeString(file, after);
        nanos.addAndGet(SECOND);
        source.poll();
        IoRate r = sink.last().rates().get(Device.zvol(WEB));
        assertEquals(48.0 * 1024 * 1024, r.writeBps());
        assertEquals(96.0, r.writeIops());
        assertEquals(0.0, r.readBps());
        assertEquals(IoRate.IDLE, sink.last().rates().get(Device.zvol("tank/plain")));
        assertEquals(1, runner.ran().size(), "the zvol links are read once while the zd devices stay the same");
    }

    @Test
    void rereadsTheLinksWhenZvolsAppearOrVanish() throws IOException {
        runner.on(ZvolLinks.findArgv().toArray(String[]::new)).stdout("/dev/zvol/tank/a\t../../zd0\n");
        Path file = dir.resolve("diskstats");
        Files.writeString(file, " 230 0 zd0 1 0 8 1 1 0 8 1 0 1 1 0 0 0 0 0 0\n");
        DiskstatsSource source = local(file);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        source.poll();
        runner.on(ZvolLinks.findArgv().toArray(String[]::new)).stdout("/dev/zvol/tank/a\t../../zd0\n/dev/zvol/tank/b\t../../zd16\n");
        Files.writeString(file, " 230 0 zd0 1 0 8 1 1 0 8 1 0 1 1 0 0 0 0 0 0\n 230 16 zd16 1 0 8 1 1 0 8 1 0 1 1 0 0 0 0 0 0\n");
        nanos.addAndGet(SECOND);
        source.poll();
        assertEquals(List.of(Device.zvol("tank/a"), Device.zvol("tank/b")), sink.last().devices());
        assertEquals(Set.of(Device.zvol("tank/a")), sink.last().rates().keySet(), "tank/b is new: no rate yet");
        assertEquals(2, runner.ran().size());
    }

    @Test
    void udevsPlusSignsBecomeSpacesAgainAndPartitionLinksAreIgnored() {
        var map = ZvolLinks.parse(Fixtures.read(LINKS));
        assertEquals(WEB, map.get("zd0"), "/dev/zvol/tank/vm+disks/web+1 -> ../../../zd0");
        assertFalse(map.containsKey("zd0p1"));
        assertEquals("tank/plain", map.get("zd16"));
    }

    @Test
    void partitionsAreRecognisedByTheirParentDevice() {
        Set<String> all = Set.of("vdb", "vdb1", "nvme0n1", "nvme0n1p2", "zd0", "zd0p1", "md0");
        assertTrue(DiskstatsSource.isPartition("vdb1", all));
        assertTrue(DiskstatsSource.isPartition("nvme0n1p2", all));
        assertTrue(DiskstatsSource.isPartition("zd0p1", all));
        assertFalse(DiskstatsSource.isPartition("nvme0n1", all));
        assertFalse(DiskstatsSource.isPartition("zd0", all));
        assertFalse(DiskstatsSource.isPartition("md0", all));
    }

    @Test
    void overSshOneLongRunningLoopDeliversEveryTick() {
        ScriptedRunner remote = new ScriptedRunner(Host.ssh("admin@nas", 0, null, Elevation.NONE), new CommandJournal());
        String tick1 = "1000.00 1900.00\n 254 16 vdb 10 0 100 1 20 0 2000 1 0 1 1 0 0 0 0 0 0\n" + DiskstatsSource.TICK_MARKER + "\n";
        String tick2 = "1002.00 1904.00\n 254 16 vdb 10 0 100 1 40 0 6000 1 0 1 1 0 0 0 0 0 0\n" + DiskstatsSource.TICK_MARKER + "\n";
        remote.on("sh", "-c", DiskstatsSource.REMOTE_LOOP).stdout(tick1 + tick2);
        DiskstatsSource source = new DiskstatsSource(remote, Path.of("/proc/diskstats"), nanos::get, () -> 0L);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        source.poll(); // ignored: the stream drives it
        assertEquals(1, remote.ran().size(), "one ssh command for the whole session");
        assertEquals(2, sink.batches.size());
        IoRate r = sink.last().rates().get(Device.disk("vdb"));
        assertEquals(4000 * 512 / 2.0, r.writeBps(), "the remote uptime (2 s apart) times the rate");
        assertEquals(10.0, r.writeIops());
        assertEquals(1, sink.problems.size(), "the scripted stream ended: that is reported");
        assertEquals("The disk statistics stream from admin@nas stopped (exit 0). Check that cat /proc/diskstats runs on admin@nas"
                + " (and that the SSH connection holds), then reopen the Throughput view.", sink.problems.get(0).getMessage());
    }

    @Test
    void aHostWithoutProcDiskstatsSaysSoOnce() {
        DiskstatsSource source = local(dir.resolve("missing"));
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        source.poll();
        source.poll();
        assertEquals(1, sink.problems.size());
        assertEquals("Per-disk and per-zvol throughput is not available on Local host: /proc/diskstats cannot be read"
                + " (it exists only on Linux). Pool and vdev rates from zpool iostat still work.", sink.problems.get(0).getMessage());
    }

    @Test
    void aStreamCancelledByCloseIsNotReportedAfterTheNextOpen() throws Exception {
        // the Pools sparkline leaves, the Throughput view subscribes: the old loop ends after the new one began
        Host nas = Host.ssh("admin@nas", 0, null, Elevation.NONE);
        dev.sluice.host.ProcessCommandRunner loopback = new dev.sluice.host.ProcessCommandRunner(nas,
                dev.sluice.host.Transport.local(), new CommandJournal()); // the remote loop, run by a real sh here
        DiskstatsSource source = DiskstatsSource.forHost(loopback);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        source.close();
        source.open(sink);
        long until = System.nanoTime() + 10 * SECOND;
        while (sink.batches.size() < 2 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        source.close();
        assertTrue(sink.batches.size() >= 2, "the second stream delivers");
        assertEquals(List.of(), sink.problems.stream().map(Throwable::getMessage).toList());
    }
}
