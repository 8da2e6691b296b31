package dev.sluice.ui.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.probe.Check;
import dev.sluice.host.probe.HostReport;
import dev.sluice.host.probe.Issue;
import dev.sluice.host.probe.ZvolAccess;
import dev.sluice.host.testing.ScriptedRunner;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WelcomeViewModelTest {

    private static HostReport report(Check zfs, Check privilege) {
        return new HostReport("Local host", "admin", Instant.now(), zfs, Check.missing("VBoxManage", Issue.NOT_INSTALLED,
                "Install VirtualBox"), Check.ok("qemu-img", "qemu-img version 7.2.22"),
                Check.ok("qemu-system-x86_64", "QEMU emulator version 7.2.22"), privilege);
    }

    @Test
    void everyMissShowsItsFix() {
        WelcomeViewModel vm = new WelcomeViewModel(report(Check.missing("zfs", Issue.NOT_INSTALLED,
                "Install OpenZFS: `apt install zfsutils-linux`"), Check.missing("privilege", Issue.SUDO_NEEDS_PASSWORD,
                "Add a NOPASSWD rule")), Check.warning("/dev/zvol", Issue.NO_ZVOLS_YET, "There are no zvols yet"));
        assertFalse(vm.allGoodProperty().get());
        assertEquals(7, vm.rows().size());
        assertEquals("Install OpenZFS: `apt install zfsutils-linux`", vm.rows().get(0).detail());
        assertEquals("Add a NOPASSWD rule", vm.rows().get(1).detail());
        assertEquals(Check.Status.WARNING, vm.rows().get(2).status());
        assertEquals("Install VirtualBox", vm.rows().get(3).detail());
        assertEquals("qemu-img version 7.2.22", vm.rows().get(4).detail());
    }

    @Test
    void aWarningIsNotAMiss() {
        WelcomeViewModel vm = new WelcomeViewModel(new HostReport("nas", "root", Instant.now(), Check.ok("zfs", "zfs-2.3.2"),
                Check.ok("VBoxManage", "7.0.14"), Check.ok("qemu-img", "7.2"), Check.ok("qemu-system-x86_64", "7.2"),
                Check.ok("privilege", null)), Check.warning("/dev/zvol", Issue.NO_ZVOLS_YET, "none yet"));
        assertTrue(vm.allGoodProperty().get());
    }

    @Test
    void zvolAccessReadsTheDirectory() {
        ScriptedRunner r = new ScriptedRunner();
        r.on("ls", "-L", "/dev/zvol").fail(2, "ls: cannot open directory '/dev/zvol': Permission denied\n");
        Check c = ZvolAccess.check(r);
        assertEquals(Check.Status.MISSING, c.status());
        assertTrue(c.fix().contains("disk group"), c.fix());
        r.on("ls", "-L", "/dev/zvol").fail(2, "ls: cannot access '/dev/zvol': No such file or directory\n");
        assertEquals(Issue.NO_ZVOLS_YET, ZvolAccess.check(r).issue());
        r.on("ls", "-L", "/dev/zvol").stdout("tank\n");
        assertTrue(ZvolAccess.check(r).ok());
    }
}
