package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackPlanTest {

    static Snapshot snap(String name, long txg, String... clones) {
        int at = name.indexOf('@');
        return new Snapshot(name, name.substring(0, at), name.substring(at + 1), "g" + txg, txg,
                Instant.ofEpochSecond(1_700_000_000L + txg), 0, 0, 0, List.of(clones), 0);
    }

    static Bookmark mark(String name, long txg) {
        int at = name.indexOf('#');
        return new Bookmark(name, name.substring(0, at), name.substring(at + 1), "b" + txg, txg, Instant.EPOCH);
    }

    // tank/vm: @a(10) @b(20, clone tank/c1) @c(30) #m(25); tank/c1@x(40, clone tank/c2); tank/c1/child exists
    final List<Snapshot> vm = List.of(snap("tank/vm@c", 30), snap("tank/vm@a", 10), snap("tank/vm@b", 20, "tank/c1"));
    final List<Bookmark> marks = List.of(mark("tank/vm#m", 25), mark("tank/vm#old", 5));
    final List<Snapshot> all = List.of(vm.get(0), vm.get(1), vm.get(2), snap("tank/c1@x", 40, "tank/c2"));
    final List<Dataset> datasets = List.of(ds("tank/vm"), ds("tank/c1"), ds("tank/c1/child"), ds("tank/c2"), ds("tank/c10"));

    static Dataset ds(String name) {
        return new Dataset(name, DatasetType.FILESYSTEM, 0, 0, 0, -1, -1, "lz4", "off", null, KeyStatus.NONE, null,
                "/" + name, true, 0, "1", 1, Instant.EPOCH, null);
    }

    @Test
    void toNewestNeedsNothing() throws Exception {
        RollbackPlan p = RollbackPlan.compute("tank/vm@c", RollbackMode.LATEST_ONLY, vm, marks, all, datasets);
        assertTrue(p.allowed());
        assertTrue(p.destroyedNames().isEmpty());
        assertEquals(List.of("zfs", "rollback", "tank/vm@c"), p.command().argv());
        assertTrue(p.command().needsRoot());
    }

    @Test
    void withoutFlagOlderSnapshotIsBlocked() throws Exception {
        RollbackPlan p = RollbackPlan.compute("tank/vm@b", RollbackMode.LATEST_ONLY, vm, marks, all, datasets);
        assertFalse(p.allowed());
        assertEquals(List.of("tank/vm@c", "tank/vm#m"), p.destroyedNames());
        assertEquals("2 newer snapshot(s)/bookmark(s) exist. Choose \"destroy newer snapshots\" (-r) to roll back anyway, "
                + "or clone the snapshot to keep them.", p.blockedReason());
    }

    @Test
    void dashRDestroysNewerSnapshotsAndBookmarksInOrder() throws Exception {
        RollbackPlan p = RollbackPlan.compute("tank/vm@b", RollbackMode.DESTROY_NEWER, vm, marks, all, datasets);
        assertTrue(p.allowed());
        assertEquals(List.of("tank/vm@c"), p.newerSnapshots().stream().map(Snapshot::name).toList());
        assertEquals(List.of("tank/vm#m"), p.newerBookmarks().stream().map(Bookmark::name).toList());
        assertTrue(p.clones().isEmpty());
        assertEquals(List.of("zfs", "rollback", "-r", "tank/vm@b"), p.command().argv());
    }

    @Test
    void dashRIsBlockedByClonesOfNewerSnapshots() throws Exception {
        RollbackPlan p = RollbackPlan.compute("tank/vm@a", RollbackMode.DESTROY_NEWER, vm, marks, all, datasets);
        assertFalse(p.allowed());
        assertTrue(p.blockedReason().contains("tank/c1"), p.blockedReason());
    }

    @Test
    void capitalRAlsoDestroysClonesTheirChildrenAndClonesOfClones() throws Exception {
        RollbackPlan p = RollbackPlan.compute("tank/vm@a", RollbackMode.DESTROY_NEWER_AND_CLONES, vm, marks, all, datasets);
        assertTrue(p.allowed());
        assertNull(p.blockedReason());
        assertEquals(List.of("tank/vm@b", "tank/vm@c"), p.newerSnapshots().stream().map(Snapshot::name).toList());
        assertEquals(List.of("tank/c1", "tank/c1/child", "tank/c2"), p.clones());
        assertEquals(List.of("tank/vm@b", "tank/vm@c", "tank/vm#m", "tank/c1", "tank/c1/child", "tank/c2"), p.destroyedNames());
        assertEquals(List.of("zfs", "rollback", "-R", "tank/vm@a"), p.command().argv());
    }

    @Test
    void unknownSnapshot() {
        ZfsException e = assertThrows(ZfsException.class,
                () -> RollbackPlan.compute("tank/vm@zz", RollbackMode.DESTROY_NEWER, vm, marks, all, datasets));
        assertEquals(ZfsException.Kind.DOES_NOT_EXIST, e.kind());
    }

    @Test
    void fromRealListingV23() throws Exception {
        String out = ZfsListParserTest.appendColumns(Fixtures.read(Fixtures.V23, "zfs-list-snapshots-by-createtxg.txt"), "0", "-", "0");
        List<Snapshot> mine = ZfsListParser.snapshots(out).stream().filter(s -> s.dataset().equals("rpool/vboxzones/myvbox")).toList();
        RollbackPlan p = RollbackPlan.compute("rpool/vboxzones/myvbox@second", RollbackMode.DESTROY_NEWER, mine, List.of(), mine, List.of());
        assertEquals(List.of("rpool/vboxzones/myvbox@third", "rpool/vboxzones/myvbox@fourth"), p.destroyedNames());
    }
}
