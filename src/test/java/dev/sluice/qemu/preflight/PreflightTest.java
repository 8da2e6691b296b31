package dev.sluice.qemu.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Preflight with scripted stat/id answers and a map standing in for the ZFS service. */
class PreflightTest {
    static final String DEV = "/dev/zvol/tank/vm/a";

    private static ScriptedRunner host(String uid, String groups) {
        ScriptedRunner r = new ScriptedRunner();
        r.on("id", "-un").stdout("alice\n");
        r.on("id", "-u").stdout(uid + "\n");
        r.on("id", "-G").stdout(groups + "\n");
        r.onPrefix("stat").fail(1, "stat: cannot statx '/x': No such file or directory\n");
        return r;
    }

    private static Preflight preflight(ScriptedRunner r, Map<String, ZvolFacts> zvols, long imageSize) {
        return new Preflight(new PathProbe(r), d -> Optional.ofNullable(zvols.get(d)), p -> imageSize);
    }

    @Test
    void userOutsideTheDiskGroupCannotUseTheZvol() throws Exception {
        ScriptedRunner r = host("1000", "1000 24");
        r.on("stat", "-L", "-c", "%F|%s|%a|%u|%g", "--", DEV).stdout("block special file|0|660|0|6\n");
        List<PreflightProblem> p = preflight(r, Map.of(DEV, new ZvolFacts("tank/vm/a", 1L << 30, ZvolFacts.KeyStatus.NONE, null)), 0)
                .check(List.of(DiskBacking.zvol("disk0", DEV, null, false)));
        assertEquals(1, p.size());
        assertEquals(PreflightProblem.Kind.NO_ACCESS, p.get(0).kind());
        assertEquals("disk0: alice (the user the hypervisor runs as) cannot read and write /dev/zvol/tank/vm/a (mode 660, owner 0, group 6). "
                + "Add alice to the group that owns it (usually `disk`: `usermod -aG disk alice`, then log in again), or add a udev rule for zvols.",
                p.get(0).text());
        assertTrue(p.get(0).blocking());

        ScriptedRunner inDisk = host("1000", "1000 6");
        inDisk.on("stat", "-L", "-c", "%F|%s|%a|%u|%g", "--", DEV).stdout("block special file|0|660|0|6\n");
        assertTrue(preflight(inDisk, Map.of(DEV, new ZvolFacts("tank/vm/a", 1L << 30, ZvolFacts.KeyStatus.NONE, null)), 0)
                .check(List.of(DiskBacking.zvol("disk0", DEV, null, false))).isEmpty());
    }

    @Test
    void declaredSizeDifferingIsAWarning() throws Exception {
        ScriptedRunner r = host("0", "0");
        r.on("stat", "-L", "-c", "%F|%s|%a|%u|%g", "--", DEV).stdout("block special file|0|660|0|6\n");
        r.on("stat", "-L", "-c", "%F|%s|%a|%u|%g", "--", "/i/a.qcow2").stdout("regular file|196608|644|0|0\n");
        List<PreflightProblem> p = preflight(r, Map.of(DEV, new ZvolFacts("tank/vm/a", 30L << 30, ZvolFacts.KeyStatus.AVAILABLE, "tank")), 8L << 30)
                .check(List.of(DiskBacking.zvol("disk0", DEV, 20L << 30, false), DiskBacking.image("disk1", "/i/a.qcow2", 8L << 30, true)));
        assertEquals(1, p.size());
        assertEquals("disk0: The disk is declared as 20 GiB but the zvol is 30 GiB. Resize the zvol (Volumes → Resize) or correct the declared size.",
                p.get(0).text());
        assertFalse(p.get(0).blocking());
        assertTrue(Preflight.blocking(p).isEmpty());
    }

    @Test
    void zvolWithoutDeviceNodeAndMissingZvol() throws Exception {
        ScriptedRunner r = host("0", "0");
        List<PreflightProblem> p = preflight(r, Map.of(DEV, new ZvolFacts("tank/vm/a", 1L << 30, ZvolFacts.KeyStatus.NONE, null)), 0)
                .check(List.of(DiskBacking.zvol("disk0", DEV, null, false), DiskBacking.zvol("disk1", "/dev/zvol/tank/vm/gone", null, false)));
        assertEquals(List.of(PreflightProblem.Kind.MISSING_DEVICE_NODE, PreflightProblem.Kind.MISSING_BACKING),
                p.stream().map(PreflightProblem::kind).toList());
        assertEquals("disk1: The zvol /dev/zvol/tank/vm/gone does not exist. Restore it from a snapshot or replica, or point the disk at another zvol.",
                p.get(1).text());
    }

    @Test
    void rawVmdkSmallerThanItsZvol() throws Exception {
        ScriptedRunner r = host("0", "0");
        r.on("stat", "-L", "-c", "%F|%s|%a|%u|%g", "--", "/vms/a.vmdk").stdout("regular file|512|644|0|0\n");
        r.on("stat", "-L", "-c", "%F|%s|%a|%u|%g", "--", DEV).stdout("block special file|0|660|0|6\n");
        List<PreflightProblem> p = preflight(r, Map.of(DEV, new ZvolFacts("tank/vm/a", 30L << 30, ZvolFacts.KeyStatus.NONE, null)), 0)
                .check(List.of(DiskBacking.rawVmdk("SATA 0:0", "/vms/a.vmdk", DEV, 20L << 30)));
        assertEquals("SATA 0:0: The raw VMDK /vms/a.vmdk describes 20 GiB but the zvol is 30 GiB; the guest would see the old size. "
                + "Recreate the raw VMDK so that it matches the zvol.", p.get(0).text());
    }

    @Test
    void statOutputParses() {
        PathFacts f = PathProbe.parseStat("/x", "regular empty file|0|600|1000|1000\n");
        assertEquals(PathFacts.Type.REGULAR_FILE, f.type());
        assertEquals(0600, f.mode());
        assertTrue(f.allows(new HypervisorUser("a", 1000, java.util.Set.of(1000)), false));
        assertFalse(f.allows(new HypervisorUser("b", 1001, java.util.Set.of(1000)), true));
    }
}
