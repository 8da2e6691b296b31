package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.Progress;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.DestroyPreview;
import dev.sluice.zfs.Health;
import dev.sluice.zfs.Pool;
import dev.sluice.zfs.PoolStatus;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.RollbackMode;
import dev.sluice.zfs.RollbackPlan;
import dev.sluice.zfs.SendEstimate;
import dev.sluice.zfs.SendReceive;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.Vdev;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.Zvol;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ZFS service's core operations on real OpenZFS, on zvols, with the data checked byte for
 * byte on the zvol device. Runs on 2.3 and 2.1 through {@link ZfsCore23IT} and {@link ZfsCore21IT}.
 * Two pools, {@code src} (disk 1) and {@code dst} (disk 2), so send/receive crosses pools as a
 * migration does.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ZfsCoreContract {
    static final int MIB = 16;

    Testbed tb;
    ZfsService zfs;

    @BeforeAll
    void freshPools(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshPool("src", 1);
        tb.freshPool("dst", 2);
        zfs = new ZfsService(tb.runner());
    }

    @Test
    void poolListingShowsBothFreshPoolsOnline() throws Exception {
        List<Pool> pools = zfs.pools();
        Pool src = pools.stream().filter(p -> p.name().equals("src")).findFirst().orElseThrow();
        assertTrue(pools.stream().anyMatch(p -> p.name().equals("dst")), pools.toString());
        assertEquals(Health.ONLINE, src.health());
        assertTrue(src.size() > 1_800_000_000L && src.size() < 2_200_000_000L, "size " + src.size());
        assertEquals(src.size(), src.allocated() + src.free(), "alloc + free = size");
        assertTrue(src.healthy());
    }

    @Test
    void vdevTreeNamesTheDiskTheTestbedGaveThePool() throws Exception {
        PoolStatus status = zfs.poolStatus("src");
        assertEquals(Health.ONLINE, status.state());
        List<Vdev> leaves = status.root().leaves();
        assertEquals(1, leaves.size(), leaves.toString());
        Vdev disk = leaves.get(0);
        assertTrue((disk.name() + " " + disk.path()).contains("virtio-tb-disk1"), disk.toString());
        assertEquals(Health.ONLINE, disk.state());
        assertEquals(!tb.isZfs21(), status.detailed(), "2.3 reads zpool status -j, 2.1 only zpool list -v");
        if (status.detailed()) {
            assertEquals(0, disk.totalErrors());
        }
    }

    @Test
    void createsThickAndThinZvolsWithTheirDevices() throws Exception {
        Zvol thick = zfs.createZvol("src/thick", "64M", false, null, Map.of());
        Zvol thin = zfs.createZvol("src/thin", "1G", true, "64K", Map.of());
        assertEquals(64L << 20, thick.volsize());
        assertFalse(thick.thin());
        assertTrue(thick.refreservation() >= 64L << 20, "thick reserves at least its size");
        assertEquals("/dev/zvol/src/thick", thick.devicePath());
        assertTrue(thin.thin());
        assertEquals(64 * 1024, thin.volblocksize());
        tb.waitForDevice(thick.devicePath());
        assertEquals("67108864", tb.sh("blockdev --getsize64 /dev/zvol/src/thick").strip());
        zfs.setVolsize("src/thin", "2G");
        assertEquals(2L << 30, zfs.dataset("src/thin").orElseThrow().volsize());
    }

    @Test
    void rollbackBringsBackTheBytesOfTheSnapshot() throws Exception {
        Zvol vol = zfs.createZvol("src/vm-disk", "32M", false, null, Map.of());
        String original = tb.writeRandom(vol.devicePath(), MIB);
        zfs.snapshot(List.of("src/vm-disk@before-upgrade"));
        String overwritten = tb.writeRandom(vol.devicePath(), MIB);
        assertNotEquals(original, overwritten);

        RollbackPlan plan = zfs.rollbackPlan("src/vm-disk@before-upgrade", RollbackMode.LATEST_ONLY);
        assertTrue(plan.allowed(), plan.toString());
        assertEquals(List.of(), plan.destroyedNames());
        zfs.rollback(plan);
        assertEquals(original, tb.sha256(vol.devicePath(), MIB));
    }

    @Test
    void rollbackPastNewerSnapshotsIsRefusedUntilThePlanSaysWhatDies() throws Exception {
        zfs.createZvol("src/db", "16M", true, null, Map.of());
        zfs.createZvol("src/logs", "16M", true, null, Map.of());
        // one call, two datasets: one transaction group
        zfs.snapshot(List.of("src/db@a", "src/logs@a"));
        zfs.snapshot(List.of("src/db@b"));
        zfs.snapshot(List.of("src/db@c"));
        List<Snapshot> db = zfs.snapshots("src/db");
        Snapshot logsA = zfs.snapshots("src/logs").get(0);
        assertEquals(List.of("a", "b", "c"), db.stream().map(Snapshot::shortName).toList());
        assertEquals(db.get(0).createtxg(), logsA.createtxg(), "atomic snapshot");

        RollbackPlan refused = zfs.rollbackPlan("src/db@a", RollbackMode.LATEST_ONLY);
        assertFalse(refused.allowed());
        ZfsCommandException real = assertThrows(ZfsCommandException.class,
                () -> zfs.rollback("src/db@a", RollbackMode.LATEST_ONLY));
        assertEquals(ZfsException.Kind.WOULD_DESTROY_NEWER, real.kind(), real.getMessage());
        // zfs lists them in no fixed order (seen c, b on 2.1)
        assertEquals(List.of("src/db@b", "src/db@c"), real.names().stream().sorted().toList());

        RollbackPlan plan = zfs.rollbackPlan("src/db@a", RollbackMode.DESTROY_NEWER);
        assertEquals(List.of("src/db@b", "src/db@c"), plan.destroyedNames());
        zfs.rollback(plan);
        assertEquals(List.of("src/db@a"), zfs.snapshots("src/db").stream().map(Snapshot::name).toList());
    }

    @Test
    void destroyPreviewListsExactlyWhatTheDestroyRemoves() throws Exception {
        zfs.createZvol("src/old-vm", "16M", true, null, Map.of());
        zfs.snapshot(List.of("src/old-vm@one"));
        zfs.snapshot(List.of("src/old-vm@two"));

        ZfsCommandException noR = assertThrows(ZfsCommandException.class,
                () -> zfs.destroyPreview("src/old-vm", DestroyFlags.NONE));
        assertEquals(ZfsException.Kind.HAS_CHILDREN, noR.kind(), noR.getMessage());

        DestroyPreview preview = zfs.destroyPreview("src/old-vm", DestroyFlags.RECURSIVE);
        assertEquals(List.of("src/old-vm", "src/old-vm@one", "src/old-vm@two"),
                preview.everything().stream().sorted().toList());
        assertTrue(zfs.dataset("src/old-vm").isPresent(), "a preview destroys nothing");
        zfs.destroy(preview);
        assertTrue(zfs.dataset("src/old-vm").isEmpty());
    }

    @Test
    void sendReceiveFullThenIncrementalCopiesTheBytesAcrossPools() throws Exception {
        Zvol vol = zfs.createZvol("src/web", "32M", false, null, Map.of());
        String first = tb.writeRandom(vol.devicePath(), MIB);
        zfs.snapshot(List.of("src/web@s1"));
        SendEstimate estimate = zfs.sendEstimate(SendSpec.full("src/web@s1"));
        assertTrue(estimate.totalBytes() > MIB << 20, "estimate " + estimate.totalBytes());

        List<Progress> progress = new CopyOnWriteArrayList<>();
        SendReceive full = zfs.sendReceive(SendSpec.full("src/web@s1"), ReceiveSpec.into("dst/web"));
        SendReceive.Result r = full.run(progress::add);
        assertTrue(r.bytes() > MIB << 20, "bytes " + r.bytes());
        assertFalse(progress.isEmpty());
        assertEquals(first, tb.sha256("/dev/zvol/dst/web", MIB));

        String second = tb.writeRandom(vol.devicePath(), MIB);
        zfs.snapshot(List.of("src/web@s2"));
        zfs.sendReceive(SendSpec.incremental("src/web@s1", "src/web@s2"), ReceiveSpec.into("dst/web")).run(p -> { });
        assertEquals(second, tb.sha256("/dev/zvol/dst/web", MIB));
        assertEquals(List.of("s1", "s2"), zfs.snapshots("dst/web").stream().map(Snapshot::shortName).toList());
        assertEquals(zfs.snapshots("src/web").get(1).guid(), zfs.snapshots("dst/web").get(1).guid());
    }

    @Test
    void aFullStreamOntoAnExistingDatasetIsDestinationExists() throws Exception {
        zfs.createZvol("src/cfg", "16M", true, null, Map.of());
        zfs.snapshot(List.of("src/cfg@x"));
        zfs.sendReceive(SendSpec.full("src/cfg@x"), ReceiveSpec.into("dst/cfg")).run(p -> { });
        ZfsCommandException e = assertThrows(ZfsCommandException.class,
                () -> zfs.sendReceive(SendSpec.full("src/cfg@x"), ReceiveSpec.into("dst/cfg")).run(p -> { }));
        assertEquals(ZfsException.Kind.DESTINATION_EXISTS, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("dst/cfg"), e.getMessage());
    }

    @Test
    void aMissingDatasetIsEmptyOrDoesNotExist() throws Exception {
        assertTrue(zfs.dataset("src/no-such-vm").isEmpty());
        ZfsCommandException e = assertThrows(ZfsCommandException.class, () -> zfs.snapshots("src/no-such-vm"));
        assertEquals(ZfsException.Kind.DOES_NOT_EXIST, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("src/no-such-vm"), e.getMessage());
        List<Dataset> all = zfs.datasets("src");
        assertEquals("src", all.get(0).name());
    }
}
