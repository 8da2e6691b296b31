package dev.sluice.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.testing.ScriptedRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostProbeTest {

    static String fixture(String path) {
        try (InputStream in = HostProbeTest.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A host with everything installed, answering as root; tests re-script what they change. */
    static ScriptedRunner fullHost(Host host) {
        return new ScriptedRunner(host)
                .on("zfs", "version").stdout(fixture("openzfs-2.3/zfs-version.txt"))
                .on("VBoxManage", "--version").stdout("7.0.20r163906\n")
                .on("qemu-img", "--version").stdout("qemu-img version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u16)\nCopyright (c) 2003-2022 Fabrice Bellard\n")
                .on("qemu-system-x86_64", "--version").stdout("QEMU emulator version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u16)\n")
                .on("virsh", "--version").stdout("9.0.0\n")
                .on("virsh", "--quiet", "-c", "qemu:///system", "uri").stdout("qemu:///system\n")
                .on("id", "-u").stdout("0\n")
                .on("id", "-un").stdout("root\n")
                .on("zfs", "list", "-H", "-o", "name").stdout(fixture("openzfs-2.3/nonroot-zfs-list.txt"));
    }

    @Test
    void everythingFoundAsRoot() {
        HostReport r = new HostProbe(fullHost(Host.local(Elevation.NONE))).probe();
        assertEquals("zfs-2.3.2-2~bpo12+2", r.zfs().version());
        assertEquals("7.0.20r163906", r.vboxManage().version());
        assertEquals("qemu-img version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u16)", r.qemuImg().version());
        assertTrue(r.qemuSystem().ok());
        assertEquals(Check.ok(HostReport.PRIVILEGE, "root"), r.privilege());
        assertEquals(List.of(), r.blockers());
    }

    @Test
    void libvirtFoundWithItsVersion() {
        HostReport r = new HostProbe(fullHost(Host.local(Elevation.NONE))).probe();
        assertEquals(Check.ok(HostReport.LIBVIRT, "libvirt 9.0.0"), r.libvirt());
    }

    @Test
    void libvirtWithoutItsDaemonIsAWarningThatSaysStartIt() {
        // the real stderr of virsh 9.0 where libvirt-clients is installed and no daemon runs
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("virsh", "--quiet", "-c", "qemu:///system", "uri")
                .fail(1, fixture("libvirt-9.0/uri-daemon-down.stderr"));
        Check c = new HostProbe(runner).probe().libvirt();
        assertEquals(Check.Status.WARNING, c.status());
        assertEquals(Issue.LIBVIRT_DAEMON_DOWN, c.issue());
        assertTrue(c.fix().contains("systemctl start libvirtd"), c.fix());
    }

    @Test
    void libvirtRefusingTheUserSaysWhichGroup() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("id", "-un").stdout("admin\n").on("id", "-u").stdout("1000\n")
                .on("virsh", "--quiet", "-c", "qemu:///system", "uri").fail(1, "error: failed to connect to the hypervisor\n"
                        + "error: authentication unavailable: no polkit agent available to authenticate action 'org.libvirt.unix.manage'\n");
        Check c = new HostProbe(runner).probe().libvirt();
        assertEquals(Issue.LIBVIRT_DENIED, c.issue());
        assertTrue(c.fix().contains("usermod -aG libvirt admin"), c.fix());
    }

    @Test
    void noVirshIsNotInstalledWithTheHint() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("virsh", "--version").notInstalled()
                .on("virsh", "--quiet", "-c", "qemu:///system", "uri").notInstalled();
        Check c = new HostProbe(runner).probe().libvirt();
        assertEquals(Check.Status.MISSING, c.status());
        assertTrue(c.fix().contains("libvirt-clients"), c.fix());
    }

    @Test
    void readsTheOlderZfsVersionToo() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("zfs", "version").stdout(fixture("openzfs-2.1/zfs-version.txt"));
        assertEquals("zfs-2.1.11-1+deb12u1", new HostProbe(runner).probe().zfs().version());
    }

    @Test
    void missingToolsSayWhichPackageToInstall() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE))
                .on("zfs", "version").notInstalled()
                .on("qemu-img", "--version").notInstalled()
                .on("VBoxManage", "--version").notInstalled();
        HostReport r = new HostProbe(runner).probe();

        assertEquals(Check.Status.MISSING, r.zfs().status());
        assertEquals(Issue.NOT_INSTALLED, r.zfs().issue());
        assertEquals("zfs was not found on Local host. Install OpenZFS: `apt install zfsutils-linux` (Debian/Ubuntu), "
                + "`dnf install zfs` (Fedora, from the OpenZFS repository); on illumos it is part of the base system. "
                + "If it is installed in /usr/sbin, add /usr/sbin to PATH for this user.", r.zfs().fix());
        assertTrue(r.qemuImg().fix().contains("apt install qemu-utils"), r.qemuImg().fix());
        assertTrue(r.vboxManage().fix().contains("virtualbox"), r.vboxManage().fix());
        assertEquals(List.of(r.zfs()), r.blockers(), "a missing zfs is a blocker, missing VM tools are not");
        assertFalse(runner.ran("zfs", "list", "-H", "-o", "name"), "no zfs list without zfs");
    }

    @Test
    void unloadedKernelModuleSaysModprobe() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("zfs", "version").exits(1, "zfs-2.1.11-1+deb12u1\n",
                "The ZFS modules are not loaded.\nTry running '/sbin/modprobe zfs' as root to load them.\n");
        Check zfs = new HostProbe(runner).probe().zfs();
        assertEquals(Issue.ZFS_MODULE_NOT_LOADED, zfs.issue());
        assertTrue(zfs.fix().startsWith("The ZFS kernel module is not loaded on Local host. Load it with `sudo modprobe zfs`"), zfs.fix());
    }

    @Test
    void sudoAskingForAPasswordExplainsTheSudoersLine() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.SUDO))
                .on("id", "-u").stdout("1000\n").on("id", "-un").stdout("alice\n")
                .on("true").privilegeDenied("sudo: a password is required")
                .whenCommand(c -> c.needsRoot() && c.argv().equals(List.of("zfs", "list", "-H", "-o", "name"))).privilegeDenied("sudo: a password is required");
        Check p = new HostProbe(runner).probe().privilege();
        assertEquals(Issue.SUDO_NEEDS_PASSWORD, p.issue());
        assertTrue(p.fix().contains("`alice ALL=(root) NOPASSWD: /usr/sbin/zfs, /usr/sbin/zpool`"), p.fix());
        assertTrue(p.fix().contains("sudo visudo -f /etc/sudoers.d/sluice"), p.fix());
        assertTrue(p.fix().contains("zfs allow alice"), p.fix());
    }

    @Test
    void sudoRuleLimitedToZfsIsEnough() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.SUDO))
                .on("id", "-un").stdout("alice\n")
                .on("true").privilegeDenied("sudo: a password is required")
                .whenCommand(c -> c.needsRoot() && c.argv().equals(List.of("zfs", "list", "-H", "-o", "name"))).stdout("rpool\n");
        assertEquals(Check.ok(HostReport.PRIVILEGE, "sudo -n"), new HostProbe(runner).probe().privilege());
    }

    @Test
    void workingSudo() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.SUDO)).on("true").stdout("");
        assertEquals(Check.ok(HostReport.PRIVILEGE, "sudo -n"), new HostProbe(runner).probe().privilege());
    }

    @Test
    void plainUserCanReadButIsToldAboutZfsAllow() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("id", "-u").stdout("1000\n").on("id", "-un").stdout("alice\n");
        HostReport r = new HostProbe(runner).probe();
        assertEquals(Check.Status.WARNING, r.privilege().status());
        assertEquals(Issue.NO_PRIVILEGE_MODE, r.privilege().issue());
        assertTrue(r.privilege().fix().contains("sudo zfs allow alice create,destroy,snapshot,rollback,clone,send,receive,mount <pool>"));
        assertEquals(List.of(r.privilege()), r.blockers());
    }

    @Test
    void deniedZfsListAsksForAPrivilegeMode() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("id", "-u").stdout("1000\n").on("id", "-un").stdout("alice\n")
                .on("zfs", "list", "-H", "-o", "name").fail(1, "Permission denied the ZFS utilities must be run as root.\n");
        Check p = new HostProbe(runner).probe().privilege();
        assertEquals(Issue.ZFS_READ_DENIED, p.issue());
        assertEquals(Check.Status.MISSING, p.status());
        assertTrue(p.fix().startsWith("ZFS refused to list datasets for alice on Local host"), p.fix());
    }

    @Test
    void pkexecOverSshIsAWarning() {
        ScriptedRunner runner = fullHost(Host.ssh("admin@nas", 0, null, Elevation.PKEXEC)).on("pkexec", "--version").stdout("pkexec version 122\n");
        Check p = new HostProbe(runner).probe().privilege();
        assertEquals(Issue.PKEXEC_UNVERIFIED, p.issue());
        assertTrue(p.fix().contains("Choose `sudo -n`"));
    }

    @Test
    void vboxWarningsBeforeTheVersionAreSkipped() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.NONE)).on("VBoxManage", "--version")
                .stdout("WARNING: The vboxdrv kernel module is not loaded.\n7.0.20r163906\n");
        assertEquals("7.0.20r163906", new HostProbe(runner).probe().vboxManage().version());
    }

    @Test
    void unreachableHostStopsAtTheFirstCommand() {
        ScriptedRunner runner = new ScriptedRunner(Host.ssh("admin@nas", 0, null, Elevation.NONE)).otherwise().unreachable("Connection refused");
        HostReport r = new HostProbe(runner).probe();
        assertEquals(1, runner.ran().size());
        assertTrue(r.all().stream().allMatch(c -> c.issue() == Issue.HOST_UNREACHABLE));
        assertTrue(r.zfs().fix().startsWith("Cannot connect to admin@nas: Connection refused."), r.zfs().fix());
    }

    @Test
    void scriptedRunnerRecordsElevatedArgvAndJournals() {
        ScriptedRunner runner = fullHost(Host.local(Elevation.SUDO)).on("true").stdout("");
        List<String> states = new java.util.ArrayList<>();
        runner.journal().addListener(e -> states.add(e.state() + " " + e.shellLine()));
        new HostProbe(runner).probe();
        assertTrue(runner.ranHostArgv().contains(List.of("sudo", "-n", "--", "true")));
        assertTrue(states.contains("SUCCEEDED sudo -n -- true"), states.toString());
        assertTrue(states.contains("RUNNING zfs version"), states.toString());
    }
}
