package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Zvol device paths both ways, per OS: the one place Sluice builds and reads them. */
class HostOsTest {

    @Test
    void linuxLinksWriteEverySpaceAsPlus() {
        assertEquals("/dev/zvol/tank/vm+disks/web+1", HostOs.LINUX.zvolDevicePath("tank/vm disks/web 1"));
        assertEquals("/dev/zvol/tank/a+++b", HostOs.LINUX.zvolDevicePath("tank/a   b"));
        assertEquals("/dev/zvol/tank/-x_y.z:0", HostOs.LINUX.zvolDevicePath("tank/-x_y.z:0"));
    }

    @Test
    void linuxPathsReadBackToTheNameBecauseNamesCannotHoldPlus() {
        assertEquals(Optional.of("tank/vm disks/web 1"), HostOs.LINUX.zvolOf("/dev/zvol/tank/vm+disks/web+1"));
        assertEquals(Optional.of("tank/vm/a"), HostOs.LINUX.zvolOf("/dev/zvol/tank/vm/a"));
        assertEquals(Optional.of("tank/vm@snap 1"), HostOs.LINUX.zvolOf("/dev/zvol/tank/vm@snap+1"), "snapdev=visible");
        // a path written by hand (or by an old Sluice) with the space itself still names the same zvol
        assertEquals(Optional.of("tank/vm disk"), HostOs.LINUX.zvolOf("/dev/zvol/tank/vm disk"));
        for (String name : new String[] {"tank/a b", " x", "P. : -_"}) {
            String n = name.startsWith("tank") ? name : "tank/" + name;
            assertEquals(Optional.of(n), HostOs.LINUX.zvolOf(HostOs.LINUX.zvolDevicePath(n)), n);
        }
    }

    @Test
    void pathsThatNameNoZvolAreEmpty() {
        for (HostOs os : HostOs.values()) {
            assertEquals(Optional.empty(), os.zvolOf("/dev/zvol/"), os.name());
            assertEquals(Optional.empty(), os.zvolOf("/dev/sda"), os.name());
            assertEquals(Optional.empty(), os.zvolOf("/srv/images/a.qcow2"), os.name());
            assertEquals(Optional.empty(), os.zvolOf(null), os.name());
        }
        assertEquals(Optional.empty(), HostOs.LINUX.zvolOf("/dev/zvol/tank/vm#mark"), "a bookmark has no device");
        assertEquals(Optional.empty(), HostOs.LINUX.zvolOf("/dev/zvol/1tank/vm"), "a pool begins with a letter");
        assertEquals(Optional.empty(), HostOs.LINUX.zvolOf("/dev/zvol/tank//vm"));
    }

    @Test
    void illumosKeepsTheNameUnderDskAndRdsk() {
        assertEquals("/dev/zvol/rdsk/tank/vm disk", HostOs.ILLUMOS.zvolDevicePath("tank/vm disk"));
        assertEquals(Optional.of("tank/vm disk"), HostOs.ILLUMOS.zvolOf("/dev/zvol/rdsk/tank/vm disk"));
        assertEquals(Optional.of("tank/vm"), HostOs.ILLUMOS.zvolOf("/dev/zvol/dsk/tank/vm"));
        assertEquals(Optional.empty(), HostOs.ILLUMOS.zvolOf("/dev/zvol/tank/vm"), "illumos has no /dev/zvol/<pool>");
        // on Linux a pool may be called rdsk: its zvols are not illumos paths there
        assertEquals(Optional.of("rdsk/vm"), HostOs.LINUX.zvolOf("/dev/zvol/rdsk/vm"));
    }

    @Test
    void freeBsdKeepsTheNameAsItIs() {
        assertEquals("/dev/zvol/tank/vm disk", HostOs.FREEBSD.zvolDevicePath("tank/vm disk"));
        assertEquals(Optional.of("tank/vm disk"), HostOs.FREEBSD.zvolOf("/dev/zvol/tank/vm disk"));
    }

    @Test
    void anyPathUnderDevZvolIsAZvolDevice() {
        assertTrue(HostOs.isZvolDevicePath("/dev/zvol/tank/a+b"));
        assertFalse(HostOs.isZvolDevicePath("/dev/zvol/"));
        assertFalse(HostOs.isZvolDevicePath("/dev/zd0"));
        assertEquals(HostOs.ILLUMOS, HostOs.fromUname("SunOS\n"));
        assertEquals(HostOs.FREEBSD, HostOs.fromUname("FreeBSD"));
        assertEquals(HostOs.LINUX, HostOs.fromUname("Linux"));
    }
}
