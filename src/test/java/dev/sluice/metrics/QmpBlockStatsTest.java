package dev.sluice.metrics;

import dev.sluice.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QmpBlockStatsTest {

    @Test
    void readsDrivesFromARealQemu72Reply() throws Exception {
        // captured from qemu-system-x86_64 7.2: one -drive (scsi-hd) and one -blockdev virtio-blk with id=virtio-disk0
        List<BlockStatsSource.DriveStats> drives = QmpBlockStats.parse(Fixtures.read("qemu-7.2/query-blockstats.json"));
        assertEquals(List.of(new BlockStatsSource.DriveStats("drive-scsi0", 0, 0, 0, 0),
                new BlockStatsSource.DriveStats("virtio-disk0", 512, 0, 1, 0)), drives);
    }

    @Test
    void anErrorReplyIsExplained() {
        ThroughputUnavailable e = assertThrows(ThroughputUnavailable.class, () -> QmpBlockStats.parse(
                "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command query-blockstats has not been found\"}}"));
        assertEquals("QEMU refused query-blockstats: The command query-blockstats has not been found. The VM's QMP monitor"
                + " may be too old or busy; restart the VM to read its drive statistics.", e.getMessage());
    }

    @Test
    void garbageIsExplained() {
        ThroughputUnavailable e = assertThrows(ThroughputUnavailable.class, () -> QmpBlockStats.parse("{\"return\": 3}"));
        assertEquals("QEMU's answer to query-blockstats could not be read (no list of drives in the reply). This QEMU"
                + " version may not be supported; the VM itself is unaffected.", e.getMessage());
    }

    @Test
    void vmDrivesBecomeRatesPerVmAndDrive() {
        AtomicLong nanos = new AtomicLong();
        long[] written = {0};
        BlockStatsSource vm = new BlockStatsSource() {
            @Override
            public String vmName() {
                return "win11";
            }

            @Override
            public List<DriveStats> queryBlockStats() {
                return List.of(new DriveStats("virtio-disk0", 0, written[0], 0, written[0] / 4096));
            }
        };
        VmDrivesSource source = new VmDrivesSource(() -> List.of(vm), nanos::get, () -> 0L);
        CollectingSink sink = new CollectingSink();
        source.open(sink);
        source.poll();
        written[0] = 4096 * 100;
        nanos.set(2_000_000_000L);
        source.poll();
        Device d = Device.vmDrive("win11", "virtio-disk0");
        assertEquals("virtio-disk0", d.shortName());
        assertEquals(new IoRate(0, 4096 * 50, 0, 50), sink.last().rates().get(d));
    }
}
