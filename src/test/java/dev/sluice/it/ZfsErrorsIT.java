package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Elevation;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.DestroyPreview;
import dev.sluice.zfs.Hold;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each error a user can meet, provoked on real OpenZFS 2.3 and checked for its kind and for a
 * message that names the thing concerned. Clones, promote and holds come along, since their
 * errors are the point.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZfsErrorsIT {
    Testbed tb;
    ZfsService zfs;
    final AtomicInteger commandsRun = new AtomicInteger();

    @BeforeAll
    void freshPool(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshPool("lab", 1);
        zfs = new ZfsService(tb.runner());
        tb.journal().addListener(entry -> commandsRun.incrementAndGet());
    }

    @Test
    void anOpenZvolIsBusyAndNothingIsDestroyed() throws Exception {
        zfs.createZvol("lab/running-vm", "16M", true, null, Map.of());
        try (Testbed.OpenHandle vm = tb.holdOpen("/dev/zvol/lab/running-vm")) {
            ZfsCommandException e = expect(ZfsException.Kind.BUSY, () -> zfs.destroy("lab/running-vm", DestroyFlags.NONE));
            assertTrue(e.getMessage().contains("lab/running-vm"), e.getMessage());
            assertTrue(zfs.dataset("lab/running-vm").isPresent());
        }
        zfs.destroy("lab/running-vm", DestroyFlags.NONE);
        assertTrue(zfs.dataset("lab/running-vm").isEmpty());
    }

    /** Real behaviour the UI must guard against: -r removes the snapshots, then fails on the busy zvol. */
    @Test
    void recursiveDestroyOfAnOpenZvolLosesItsSnapshotsBeforeItFails() throws Exception {
        zfs.createZvol("lab/half-gone", "16M", true, null, Map.of());
        zfs.snapshot(List.of("lab/half-gone@keep-me"));
        try (Testbed.OpenHandle vm = tb.holdOpen("/dev/zvol/lab/half-gone")) {
            expect(ZfsException.Kind.BUSY, () -> zfs.destroy("lab/half-gone", DestroyFlags.RECURSIVE));
        }
        assertTrue(zfs.dataset("lab/half-gone").isPresent(), "the zvol survives");
        assertEquals(List.of(), zfs.snapshots("lab/half-gone"), "but its snapshots are gone");
    }

    @Test
    void anOrdinaryUserIsDeniedUntilSudoElevates() throws Exception {
        ZfsService asTester = new ZfsService(tb.runnerAs("tester", Elevation.NONE));
        assertFalse(asTester.pools().isEmpty(), "listing needs no rights");
        ZfsCommandException create = expect(ZfsException.Kind.PERMISSION_DENIED,
                () -> asTester.createZvol("lab/not-yours", "16M", true, null, Map.of()));
        assertTrue(create.getMessage().contains("lab/not-yours"), create.getMessage());
        zfs.createZvol("lab/theirs", "16M", true, null, Map.of());
        expect(ZfsException.Kind.PERMISSION_DENIED, () -> asTester.snapshot(List.of("lab/theirs@mine")));

        ZfsService withSudo = new ZfsService(tb.runnerAs("tester", Elevation.SUDO));
        withSudo.createZvol("lab/via-sudo", "16M", true, null, Map.of());
        withSudo.snapshot(List.of("lab/theirs@mine"));
        assertEquals("mine", zfs.snapshots("lab/theirs").get(0).shortName());
    }

    @Test
    void aTinyPoolIsOutOfSpaceForAThickZvolButTakesAThinOne() throws Exception {
        tb.freshFilePool("tiny", "64M");
        ZfsCommandException e = expect(ZfsException.Kind.OUT_OF_SPACE,
                () -> zfs.createZvol("tiny/big", "1G", false, null, Map.of()));
        assertTrue(e.getMessage().contains("'tiny'"), e.getMessage());
        assertTrue(zfs.createZvol("tiny/sparse", "1G", true, null, Map.of()).thin());
        tb.sh("zpool destroy tiny");
    }

    @Test
    void namesThatExistOrHaveNoParentAreRefusedByZfs() throws Exception {
        zfs.createZvol("lab/twice", "16M", true, null, Map.of());
        expect(ZfsException.Kind.ALREADY_EXISTS, () -> zfs.createZvol("lab/twice", "16M", true, null, Map.of()));
        expect(ZfsException.Kind.PARENT_DOES_NOT_EXIST, () -> zfs.createZvol("lab/no/parent", "16M", true, null, Map.of()));
        expect(ZfsException.Kind.NO_SUCH_POOL, () -> zfs.poolStatus("nopool"));
        zfs.snapshot(List.of("lab/twice@s"));
        expect(ZfsException.Kind.ALREADY_EXISTS, () -> zfs.snapshot(List.of("lab/twice@s")));
    }

    @Test
    void aBadNameNeverReachesTheHost() {
        int before = journalSize();
        assertThrows(InvalidZfsNameException.class, () -> zfs.createZvol("lab/bad name?", "16M", true, null, Map.of()));
        assertThrows(InvalidZfsNameException.class, () -> zfs.snapshot(List.of("lab/x@a@b")));
        assertEquals(before, journalSize());
    }

    @Test
    void aHeldSnapshotCannotBeDestroyedUntilReleased() throws Exception {
        zfs.createZvol("lab/archive", "16M", true, null, Map.of());
        zfs.snapshot(List.of("lab/archive@2026-11-21"));
        zfs.hold("legal", List.of("lab/archive@2026-11-21"), false);
        List<Hold> holds = zfs.holds("lab/archive@2026-11-21");
        assertEquals(List.of("legal"), holds.stream().map(Hold::tag).toList());
        assertTrue(holds.get(0).created() != null, "2.3 gives exact hold times (-p)");
        assertTrue(zfs.snapshots("lab/archive").get(0).held());

        expect(ZfsException.Kind.HELD, () -> zfs.destroy("lab/archive@2026-11-21", DestroyFlags.NONE));
        zfs.release("legal", List.of("lab/archive@2026-11-21"), false);
        zfs.destroy("lab/archive@2026-11-21", DestroyFlags.NONE);
        assertEquals(List.of(), zfs.snapshots("lab/archive"));
    }

    @Test
    void aSnapshotWithACloneNamesTheCloneAndPromoteSwapsTheOrigin() throws Exception {
        zfs.createZvol("lab/golden", "16M", true, null, Map.of());
        zfs.snapshot(List.of("lab/golden@base"));
        zfs.clone("lab/golden@base", "lab/vm1", Map.of());
        Dataset clone = zfs.dataset("lab/vm1").orElseThrow();
        assertEquals("lab/golden@base", clone.origin());
        assertTrue(clone.isClone());
        Snapshot base = zfs.snapshots("lab/golden").get(0);
        assertEquals(List.of("lab/vm1"), base.clones());

        ZfsCommandException e = expect(ZfsException.Kind.HAS_DEPENDENT_CLONES,
                () -> zfs.destroy("lab/golden@base", DestroyFlags.NONE));
        assertEquals(List.of("lab/vm1"), e.names());
        DestroyPreview preview = zfs.destroyPreview("lab/golden@base", DestroyFlags.RECURSIVE_WITH_CLONES);
        assertTrue(preview.everything().contains("lab/vm1"), preview.toString());

        zfs.promote("lab/vm1");
        assertEquals("lab/vm1@base", zfs.dataset("lab/golden").orElseThrow().origin());
        assertFalse(zfs.dataset("lab/vm1").orElseThrow().isClone());
    }

    private int journalSize() {
        return commandsRun.get();
    }

    private static ZfsCommandException expect(ZfsException.Kind kind, Executable action) {
        ZfsCommandException e = assertThrows(ZfsCommandException.class, action);
        assertEquals(kind, e.kind(), e.getMessage() + "\nstderr: " + e.stderr());
        assertFalse(e.getMessage().isBlank());
        return e;
    }
}
