package dev.sluice.metrics;

import dev.sluice.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.host.CommandException;
import dev.sluice.host.testing.ScriptedRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZpoolIostatTest {

    @Test
    void splitsTheRealHpvOutputIntoReportsPerPoolAndVdev() {
        List<List<ZpoolIostat.Row>> reports = ZpoolIostat.parseReports(
                Fixtures.read("openzfs-2.3/zpool-iostat-Hpv-1-2.txt"), Set.of("rpool", "tank"));
        assertEquals(2, reports.size());
        List<ZpoolIostat.Row> first = reports.get(0);
        assertEquals(List.of(Device.pool("rpool"), Device.vdev("rpool", "mirror-0"), Device.vdev("rpool", "virtio-tb-disk1"),
                Device.vdev("rpool", "virtio-tb-disk2"), Device.pool("tank"), Device.vdev("tank", "virtio-tb-disk3")),
                first.stream().map(ZpoolIostat.Row::device).toList());
        assertEquals(new ZpoolIostat.Row("tank", "virtio-tb-disk3", 231051264, 775581696, 3, 315, 79231, 5818759), first.get(5));
        assertEquals(new IoRate(79231, 5818759, 3, 315), first.get(5).rate());
        assertEquals(IoRate.IDLE, reports.get(1).get(0).rate());
    }

    @Test
    void parsesTheOpenZfs21CaptureToo() {
        List<List<ZpoolIostat.Row>> reports = ZpoolIostat.parseReports(
                Fixtures.read("openzfs-2.1/zpool-iostat-Hpv-1-2.txt"), Set.of("rpool", "tank"));
        assertEquals(2, reports.size());
        assertEquals(5144232, reports.get(0).get(0).writeBytes());
    }

    @Test
    void aReportEndsAsSoonAsItHasAsManyRowsAsThePreviousOne() {
        List<List<ZpoolIostat.Row>> seen = new ArrayList<>();
        ZpoolIostat p = new ZpoolIostat(Set.of("rpool", "tank"), seen::add);
        Fixtures.read("openzfs-2.3/zpool-iostat-Hpv-1-2.txt").lines().limit(6).forEach(p::line);
        assertEquals(0, seen.size(), "the first report is only known complete when the next begins");
        Fixtures.read("openzfs-2.3/zpool-iostat-Hpv-1-2.txt").lines().skip(6).forEach(p::line);
        assertEquals(2, seen.size(), "the second report did not wait for a third");
    }

    @Test
    void skipsSectionHeadingsAndKeepsTheirDevicesWithThePool() {
        String text = "tank\t100\t900\t1\t2\t3\t4\nsdb\t100\t900\t1\t2\t3\t4\nlogs\t-\t-\t-\t-\t-\t-\nnvme0n1\t0\t10\t0\t5\t0\t50\n"
                + "1700000000\n"
                + "tank\t100\t900\t0\t0\t0\t0\n";
        List<List<ZpoolIostat.Row>> reports = ZpoolIostat.parseReports(text, Set.of("tank"));
        assertEquals(List.of(Device.pool("tank"), Device.vdev("tank", "sdb"), Device.vdev("tank", "nvme0n1")),
                reports.get(0).stream().map(ZpoolIostat.Row::device).toList());
        assertEquals(2, reports.size());
    }

    @Test
    void sourceNamesThePoolsAndStreamsOneCommand() {
        ScriptedRunner runner = new ScriptedRunner();
        runner.on("zpool", "list", "-H", "-o", "name").stdout("rpool\ntank\n");
        runner.on("zpool", "iostat", "-Hpvy", "rpool", "tank", "1").stdout(Fixtures.read("openzfs-2.3/zpool-iostat-Hpv-1-2.txt"));
        ZpoolIostatSource source = new ZpoolIostatSource(runner, () -> 42L, 1, 30);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        assertEquals(2, sink.batches.size());
        SampleBatch first = sink.batches.get(0);
        assertEquals(6, first.devices().size());
        assertEquals(5466539.0, first.rates().get(Device.pool("rpool")).writeBps());
        assertEquals(true, runner.ran().get(1).argv().contains("-Hpvy"));
        assertEquals(false, runner.ran().get(1).hasTimeout(), "the stream runs until closed");
    }

    @Test
    void withoutZfsTheMessageSaysWhatToInstall() {
        ScriptedRunner runner = new ScriptedRunner().notInstalled("zpool");
        ZpoolIostatSource source = new ZpoolIostatSource(runner, () -> 0L, 1, 30);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        assertEquals(1, sink.problems.size());
        String expected = new CommandException.NotInstalled(ZpoolIostatSource.listPools(), "zpool", "Local host").getMessage();
        assertEquals(expected, sink.problems.get(0).getMessage());
        assertEquals(true, expected.startsWith("zpool is not installed on Local host."));
    }

    @Test
    void noPoolsIsAnEmptyBatchNotAnError() {
        ScriptedRunner runner = new ScriptedRunner();
        runner.on("zpool", "list", "-H", "-o", "name").stdout("");
        CollectingSink sink = new CollectingSink();
        new ZpoolIostatSource(runner, () -> 0L, 1, 30).open(sink);
        assertEquals(List.of(), sink.last().devices());
        assertEquals(List.of(), sink.problems);
    }
}
