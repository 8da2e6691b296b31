package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolParsersTest {

    /** Captured with -o name,...,altroot; we also ask for guid, so one column is appended. */
    private static String withGuid(String captured) {
        StringBuilder b = new StringBuilder();
        for (String line : captured.split("\n")) {
            b.append(line).append("\t4825205220660292499\n");
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void zpoolListHp(String version) {
        List<Pool> pools = PoolListParser.pools(withGuid(Fixtures.read(version, "zpool-list-Hp.txt")));
        assertEquals(2, pools.size());
        Pool rpool = pools.get(0);
        assertEquals("rpool", rpool.name());
        assertEquals(1006632960L, rpool.size());
        assertEquals(7, rpool.capacityPercent());
        assertEquals(1.0, rpool.dedupRatio());
        assertEquals(Health.ONLINE, rpool.health());
        assertNull(rpool.altroot());
        assertEquals("4825205220660292499", rpool.guid());
        assertEquals(rpool.size(), rpool.allocated() + rpool.free());
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void degradedPool(String version) {
        List<Pool> pools = PoolListParser.pools(withGuid(Fixtures.read(version, "zpool-list-Hp-degraded.txt")));
        assertEquals(Health.DEGRADED, pools.get(0).health());
        assertFalse(pools.get(0).healthy());
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.V23, Fixtures.V21})
    void vdevTreeFromListHpv(String version) {
        Map<String, PoolStatus> trees = PoolListParser.vdevTrees(Fixtures.read(version, "zpool-list-Hpv.txt"));
        PoolStatus rpool = trees.get("rpool");
        assertFalse(rpool.detailed());
        assertEquals(ScrubState.UNAVAILABLE, rpool.scan());
        Vdev mirror = rpool.root().children().get(0);
        assertEquals(1, rpool.root().children().size());
        assertEquals("mirror-0", mirror.name());
        assertEquals(VdevType.MIRROR, mirror.type());
        assertEquals(List.of("virtio-tb-disk1", "virtio-tb-disk2"), mirror.children().stream().map(Vdev::name).toList());
        assertFalse(mirror.children().get(0).errorsKnown());
        assertEquals(-1, rpool.root().totalErrors());
        PoolStatus tank = trees.get("tank");
        assertEquals(1, tank.root().children().size());
        Vdev disk3 = tank.root().children().get(0);
        assertEquals(VdevType.DISK, disk3.type());
        assertTrue(disk3.isLeaf());
        assertEquals(Health.ONLINE, disk3.state());
    }

    @Test
    void vdevTreeWithLogsAndRaidz() {
        String out = String.join("\n",
                "big\t100\t10\t90\t-\t-\t1\t10\t1.00\tDEGRADED\t-",
                "\traidz2-0\t100\t10\t90\t-\t-\t1\t10\t-\tDEGRADED",
                "\tsda\t-\t-\t-\t-\t-\t-\t-\t-\tONLINE",
                "\tsdb\t-\t-\t-\t-\t-\t-\t-\t-\tFAULTED",
                "\tlogs\t-\t-\t-\t-\t-\t-\t-\t-\t-",
                "\tmirror-1\t10\t0\t10\t-\t-\t0\t0\t-\tONLINE",
                "\tnvme0\t-\t-\t-\t-\t-\t-\t-\t-\tONLINE",
                "\tnvme1\t-\t-\t-\t-\t-\t-\t-\t-\tONLINE",
                "\tcache\t-\t-\t-\t-\t-\t-\t-\t-\t-",
                "\tsdc\t10\t1\t9\t-\t-\t0\t0\t-\tONLINE",
                "");
        Vdev root = PoolListParser.vdevTrees(out).get("big").root();
        assertEquals(List.of("raidz2-0", "mirror-1", "sdc"), root.children().stream().map(Vdev::name).toList());
        assertEquals(VdevType.RAIDZ, root.children().get(0).type());
        assertEquals(Health.FAULTED, root.children().get(0).children().get(1).state());
        assertEquals("log", root.children().get(1).vdevClass());
        assertEquals(2, root.children().get(1).children().size());
        assertEquals("cache", root.children().get(2).vdevClass());
    }

    @Test
    void statusJsonV23() {
        PoolStatus rpool = PoolStatusParser.parse(Fixtures.read(Fixtures.V23, "zpool-status-j-json-int.txt")).get("rpool");
        assertTrue(rpool.detailed());
        assertEquals(Health.ONLINE, rpool.state());
        assertEquals("4825205220660292499", rpool.guid());
        assertEquals(0, rpool.dataErrors());
        assertEquals(ScrubState.NEVER, rpool.scan());
        Vdev mirror = rpool.root().children().get(0);
        assertEquals(VdevType.MIRROR, mirror.type());
        Vdev disk1 = mirror.children().get(0);
        assertEquals("/dev/disk/by-id/virtio-tb-disk1-part1", disk1.path());
        assertEquals(0, disk1.checksumErrors());
        assertTrue(disk1.errorsKnown());
        assertEquals(0, rpool.root().totalErrors());
        assertEquals(1006632960L, rpool.root().size());
        assertEquals(2, rpool.root().leaves().size());
    }

    @Test
    void statusJsonWithoutJsonIntStillReadsCounts() {
        PoolStatus rpool = PoolStatusParser.parse(Fixtures.read(Fixtures.V23, "zpool-status-j.txt")).get("rpool");
        assertEquals(0, rpool.root().children().get(0).children().get(1).readErrors());
        assertEquals(-1, rpool.root().size(), "\"960M\" is not exact: unknown");
    }

    @Test
    void statusJsonDegraded() {
        PoolStatus rpool = PoolStatusParser.parse(Fixtures.read(Fixtures.V23, "zpool-status-j-degraded.txt")).get("rpool");
        assertEquals(Health.DEGRADED, rpool.state());
        assertTrue(rpool.status().startsWith("One or more devices has been taken offline"), rpool.status());
        assertTrue(rpool.action().contains("zpool online"));
        Vdev disk2 = rpool.root().children().get(0).children().get(1);
        assertEquals(Health.OFFLINE, disk2.state());
    }

    @Test
    void realScrubRunningAndFinished() {
        ScrubState running = PoolStatusParser.parse(Fixtures.read(Fixtures.V23, "probe/zpool-status-j-scrubbing.txt"))
                .get("tank").scan();
        assertTrue(running.running());
        assertEquals(ScrubState.Function.SCRUB, running.function());
        assertEquals(11247104.0 / 13282304, running.fraction(), 1e-9);
        assertNull(running.ended());
        ScrubState done = PoolStatusParser.parse(Fixtures.read(Fixtures.V23, "probe/zpool-status-j-scrub-finished.txt"))
                .get("tank").scan();
        assertEquals(ScrubState.State.FINISHED, done.state());
        assertEquals(1.0, done.fraction());
        assertEquals(java.time.Instant.ofEpochSecond(1795259764), done.ended());
        assertEquals(0, done.errors());
    }

    @Test
    void scanStatsOfRunningScrub() {
        String json = """
                {"output_version":{"command":"zpool status","vers_major":0,"vers_minor":1},"pools":{"tank":{
                "name":"tank","state":"ONLINE","pool_guid":1,"vdevs":{"tank":{"name":"tank","vdev_type":"root",
                "state":"ONLINE","read_errors":0,"write_errors":0,"checksum_errors":0,"vdevs":{}}},
                "scan_stats":{"function":"SCRUB","state":"SCANNING","start_time":1795256000,"end_time":0,
                "to_examine":1000,"examined":600,"skipped":0,"processed":0,"errors":0,"bytes_per_scan":0,
                "pass_start":1795256000,"scrub_pause":0,"scrub_spent_paused":0,"issued_bytes_per_scan":0,"issued":250},
                "logs":{"nvme0":{"name":"nvme0","vdev_type":"disk","class":"log","state":"ONLINE","read_errors":1,
                "write_errors":0,"checksum_errors":2}},"error_count":3}}}""";
        PoolStatus s = PoolStatusParser.parse(json).get("tank");
        assertTrue(s.scan().running());
        assertEquals(ScrubState.Function.SCRUB, s.scan().function());
        assertEquals(0.25, s.scan().fraction());
        assertNull(s.scan().ended());
        assertEquals(3, s.dataErrors());
        Vdev log = s.root().children().get(0);
        assertEquals("log", log.vdevClass());
        assertEquals(3, log.totalErrors());
    }
}
