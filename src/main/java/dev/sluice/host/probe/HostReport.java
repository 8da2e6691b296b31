package dev.sluice.host.probe;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a host offers Sluice: ZFS (with its version), the VM tools, and whether Sluice may change
 * things there. The status bar shows it; every check that is not OK carries its fix. {@code user}
 * is the account commands run as on the host (null when unknown), for fixes that name it.
 */
public record HostReport(String hostName, String user, Instant probedAt, Check zfs, Check vboxManage, Check qemuImg,
                         Check qemuSystem, Check privilege, Check libvirt) {

    /** A report without a libvirt check (libvirt not looked at). */
    public HostReport(String hostName, String user, Instant probedAt, Check zfs, Check vboxManage, Check qemuImg,
                      Check qemuSystem, Check privilege) {
        this(hostName, user, probedAt, zfs, vboxManage, qemuImg, qemuSystem, privilege,
                Check.missing(LIBVIRT, Issue.NOT_INSTALLED, Fixes.notInstalled(VIRSH, hostName)));
    }

    public static final String ZFS = "zfs";
    public static final String VBOXMANAGE = "VBoxManage";
    public static final String QEMU_IMG = "qemu-img";
    public static final String QEMU_SYSTEM = "qemu-system-x86_64";
    public static final String PRIVILEGE = "privilege";
    /** The check's subject: libvirt, found through its client {@link #VIRSH}. */
    public static final String LIBVIRT = "libvirt";
    public static final String VIRSH = "virsh";

    public List<Check> tools() {
        return List.of(zfs, vboxManage, qemuImg, qemuSystem, libvirt);
    }

    public List<Check> all() {
        return Stream.concat(tools().stream(), Stream.of(privilege)).toList();
    }

    /** The problems worth a banner: ZFS itself missing, or privilege missing or limited. VM tools go in the status bar only. */
    public List<Check> blockers() {
        return Stream.of(zfs, privilege).filter(c -> !c.ok()).toList();
    }

    /** A host that could not be reached: every check says so. */
    public static HostReport unreachable(String hostName, Instant at, String fix) {
        Check c = Check.missing(hostName, Issue.HOST_UNREACHABLE, fix);
        return new HostReport(hostName, null, at,
                new Check(ZFS, c.status(), null, c.issue(), fix),
                new Check(VBOXMANAGE, c.status(), null, c.issue(), fix),
                new Check(QEMU_IMG, c.status(), null, c.issue(), fix),
                new Check(QEMU_SYSTEM, c.status(), null, c.issue(), fix),
                new Check(PRIVILEGE, c.status(), null, c.issue(), fix),
                new Check(LIBVIRT, c.status(), null, c.issue(), fix));
    }
}
