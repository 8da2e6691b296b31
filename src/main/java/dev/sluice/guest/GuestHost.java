package dev.sluice.guest;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandRunner;
import dev.sluice.libvirt.LibvirtService;
import dev.sluice.qemu.Accel;
import dev.sluice.qemu.AccelProbe;
import dev.sluice.qemu.ImageLibrary;
import dev.sluice.qemu.QemuImg;
import dev.sluice.qemu.QemuRunPaths;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmStore;
import dev.sluice.qemu.QmpConnector;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.vbox.VBoxService;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Path;

/**
 * The guest-side services of one host, made once per host because the QEMU service keeps its
 * VMs' QMP sessions: ZFS, VirtualBox, QEMU VMs, qemu-img, the image library and libvirt.
 * {@code vboxPaths} stats paths where VBoxManage runs (raw VMDK devices); {@code qemuRunner}
 * is asked whether qemu-system is installed.
 */
public record GuestHost(ZfsService zfs, VBoxService vbox, PathProbe vboxPaths, QemuVmService qemu, CommandRunner qemuRunner,
                        QemuImg qemuImg, ImageLibrary library, LibvirtService libvirt) {

    /** Without libvirt's own runner: virsh runs where QEMU does. */
    public GuestHost(ZfsService zfs, VBoxService vbox, PathProbe vboxPaths, QemuVmService qemu, CommandRunner qemuRunner,
                     QemuImg qemuImg, ImageLibrary library) {
        this(zfs, vbox, vboxPaths, qemu, qemuRunner, qemuImg, library, new LibvirtService(qemuRunner, preflight(qemuRunner, zfs, qemuImg)));
    }

    /** The start checks every hypervisor of the host shares: paths, zvols (ZFS) and image sizes (qemu-img). */
    private static Preflight preflight(CommandRunner runner, ZfsService zfs, QemuImg qemuImg) {
        return new Preflight(new PathProbe(runner), new ZfsZvolLookup(zfs), p -> qemuImg.info(p).virtualSize());
    }

    public static final String QEMU_SYSTEM = "qemu-system-x86_64";

    /**
     * The real thing for {@code runner}'s host. Blocking (probes the accelerator, the QMP route and
     * the run directory, then re-attaches to VMs still running): call from a background task.
     * {@code hostQemuConfigDir}: where this host's QEMU definitions and library list are kept locally.
     */
    public static GuestHost open(CommandRunner runner, Path hostQemuConfigDir) throws CommandException {
        ZfsService zfs = new ZfsService(runner);
        QemuImg qemuImg = new QemuImg(runner);
        PathProbe paths = new PathProbe(runner);
        Preflight preflight = preflight(runner, zfs, qemuImg);
        Accel accel;
        try {
            accel = new AccelProbe(runner).choose();
        } catch (CommandException | RuntimeException e) {
            accel = Accel.TCG; // TCG always works, only slower
        }
        QemuVmService qemu = new QemuVmService(runner, new QemuVmStore(hostQemuConfigDir), runPaths(runner),
                preflight, QmpConnector.forRunner(runner), accel);
        try {
            qemu.reattach();
        } catch (CommandException | RuntimeException e) {
            // VMs left running show as stopped until the next refresh re-attaches; nothing is lost
        }
        return new GuestHost(zfs, new VBoxService(runner, preflight), paths, qemu, runner, qemuImg,
                new ImageLibrary(runner, qemuImg, hostQemuConfigDir), new LibvirtService(runner, preflight));
    }

    /** $XDG_RUNTIME_DIR's usual place when the user has a login session, else a per-user folder in /tmp. */
    static QemuRunPaths runPaths(CommandRunner runner) throws CommandException {
        String uid = runner.run(Command.of("id", "-u")).stdout().strip();
        boolean runUser = new PathProbe(runner).stat("/run/user/" + uid).isPresent();
        String root = runUser ? "/run/user/" + uid + "/sluice" : "/tmp/sluice-" + uid;
        return new QemuRunPaths(root + "/qemu", root);
    }

    /** Null when qemu-system runs; else the "not installed" failure (its message has the install hint). */
    public CommandException.NotInstalled qemuMissing() {
        try {
            qemuRunner.runAllowingFailure(Command.of(QEMU_SYSTEM, "--version"));
            return null;
        } catch (CommandException.NotInstalled e) {
            return e;
        } catch (CommandException e) {
            return null; // present but unhappy: the start itself will say why
        }
    }
}
