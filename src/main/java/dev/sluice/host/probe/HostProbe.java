package dev.sluice.host.probe;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds out what a host offers: {@code zfs version}, whether VBoxManage, qemu-img and
 * qemu-system-x86_64 run, and whether Sluice may change ZFS state there (root, a working
 * {@code sudo -n}, pkexec, or read-only). Blocking: call it from a background task.
 * Every command it runs is an ordinary journalled command, so the Activity view shows them.
 */
public final class HostProbe {
    private static final Duration QUICK = Duration.ofSeconds(20);

    private final CommandRunner runner;
    private final Clock clock;

    public HostProbe(CommandRunner runner) {
        this(runner, Clock.systemUTC());
    }

    public HostProbe(CommandRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    public HostReport probe() {
        String host = runner.hostName();
        try {
            // zfs first and alone: it opens the (shared) SSH connection and finds an unreachable host with one command
            Check zfs = zfs(host);
            // the rest are independent: start them together, so a remote host costs one round trip, not five
            RunningCommand vboxRun = start(HostReport.VBOXMANAGE, "--version");
            RunningCommand qemuImgRun = start(HostReport.QEMU_IMG, "--version");
            RunningCommand qemuSystemRun = start(HostReport.QEMU_SYSTEM, "--version");
            RunningCommand virshRun = start(HostReport.VIRSH, "--version");
            // the system connection answers (daemon up, this user admitted): the URI back, else libvirt's error
            RunningCommand libvirtRun = start(HostReport.VIRSH, "--quiet", "-c", "qemu:///system", "uri");
            RunningCommand userRun = start("id", "-un");
            RunningCommand uidRun = start("id", "-u");
            Check vbox = tool(HostReport.VBOXMANAGE, host, vboxRun);
            Check qemuImg = tool(HostReport.QEMU_IMG, host, qemuImgRun);
            Check qemuSystem = tool(HostReport.QEMU_SYSTEM, host, qemuSystemRun);
            String user = firstLineOf(userRun).orElse(null);
            boolean root = firstLineOf(uidRun).map("0"::equals).orElse(false);
            Check privilege = privilege(host, user == null ? "your user" : user, root, zfs.ok());
            Check libvirt = libvirt(host, user == null ? "your user" : user, virshRun, libvirtRun);
            return new HostReport(host, user, clock.instant(), zfs, vbox, qemuImg, qemuSystem, privilege, libvirt);
        } catch (CommandException.HostUnreachable e) {
            return HostReport.unreachable(host, clock.instant(), e.getMessage());
        }
    }

    private RunningCommand start(String... argv) {
        return runner.start(quick(argv), OutputListener.NONE);
    }

    private Check zfs(String host) throws CommandException.HostUnreachable {
        try {
            CommandResult r = runner.runAllowingFailure(quick("zfs", "version"));
            String out = r.stdout() + "\n" + r.stderr();
            if (out.toLowerCase(Locale.ROOT).contains("modules are not loaded") || (r.ok() && !out.contains("zfs-kmod"))) {
                return Check.missing(HostReport.ZFS, Issue.ZFS_MODULE_NOT_LOADED, Fixes.moduleNotLoaded(host));
            }
            if (!r.ok()) {
                return Check.missing(HostReport.ZFS, Issue.FAILED, Fixes.failed("zfs", firstLine(r.stderr()).orElse("exit " + r.exitCode())));
            }
            return Check.ok(HostReport.ZFS, firstLine(r.stdout()).orElse(null));
        } catch (CommandException.HostUnreachable e) {
            throw e;
        } catch (CommandException.NotInstalled e) {
            return Check.missing(HostReport.ZFS, Issue.NOT_INSTALLED, Fixes.notInstalled("zfs", host));
        } catch (CommandException e) {
            return Check.missing(HostReport.ZFS, Issue.FAILED, Fixes.failed("zfs", e.getMessage()));
        }
    }

    private Check tool(String name, String host, RunningCommand running) throws CommandException.HostUnreachable {
        try {
            CommandResult r = running.result();
            Optional<String> version = versionLine(r.stdout());
            if (!r.ok() && version.isEmpty()) {
                return Check.warning(name, Issue.FAILED, Fixes.failed(name, firstLine(r.stderr()).orElse("exit " + r.exitCode())));
            }
            return Check.ok(name, version.orElse(null));
        } catch (CommandException.HostUnreachable e) {
            throw e;
        } catch (CommandException.NotInstalled e) {
            return Check.missing(name, Issue.NOT_INSTALLED, Fixes.notInstalled(name, host));
        } catch (CommandException e) {
            return Check.warning(name, Issue.FAILED, Fixes.failed(name, e.getMessage()));
        }
    }

    /** libvirt: virsh's version, then whether the system connection admits this user. */
    private Check libvirt(String host, String user, RunningCommand version, RunningCommand connect) throws CommandException.HostUnreachable {
        Check virsh = tool(HostReport.VIRSH, host, version);
        String found = virsh.versionText().map(v -> "libvirt " + v).orElse(null);
        if (virsh.status() == Check.Status.MISSING) {
            return new Check(HostReport.LIBVIRT, virsh.status(), null, virsh.issue(), virsh.fix());
        }
        try {
            CommandResult r = connect.result();
            if (r.ok()) {
                return Check.ok(HostReport.LIBVIRT, found);
            }
            // the same reading of virsh's errors as the libvirt service's
            dev.sluice.libvirt.LibvirtException e = dev.sluice.libvirt.LibvirtException.classify("connect", HostReport.LIBVIRT, r.stderr());
            String detail = e.detail().isEmpty() ? "exit " + r.exitCode() : e.detail();
            return switch (e.kind()) {
                case DAEMON_DOWN -> Check.warning(HostReport.LIBVIRT, Issue.LIBVIRT_DAEMON_DOWN, Fixes.libvirtDaemonDown(host, detail));
                case DENIED -> Check.warning(HostReport.LIBVIRT, Issue.LIBVIRT_DENIED, Fixes.libvirtDenied(user, host, detail));
                default -> Check.warning(HostReport.LIBVIRT, Issue.FAILED, Fixes.failed(HostReport.VIRSH, detail));
            };
        } catch (CommandException.HostUnreachable e) {
            throw e;
        } catch (CommandException e) {
            return Check.warning(HostReport.LIBVIRT, Issue.FAILED, Fixes.failed(HostReport.VIRSH, e.getMessage()));
        }
    }

    private Check privilege(String host, String user, boolean root, boolean zfsWorks) throws CommandException.HostUnreachable {
        Elevation mode = runner.host().elevation();
        switch (mode) {
            case SUDO -> {
                return sudo(host, user, zfsWorks);
            }
            case PKEXEC -> {
                return pkexec(host);
            }
            default -> {
                if (root) {
                    return Check.ok(HostReport.PRIVILEGE, "root");
                }
                if (zfsWorks && zfsListDenied(false)) {
                    return Check.missing(HostReport.PRIVILEGE, Issue.ZFS_READ_DENIED, Fixes.readDenied(user, host));
                }
                return Check.warning(HostReport.PRIVILEGE, Issue.NO_PRIVILEGE_MODE, Fixes.noPrivilegeMode(user, host));
            }
        }
    }

    private Check sudo(String host, String user, boolean zfsWorks) throws CommandException.HostUnreachable {
        try {
            runner.run(quick("true").asRoot());
            return Check.ok(HostReport.PRIVILEGE, "sudo -n");
        } catch (CommandException.HostUnreachable e) {
            throw e;
        } catch (CommandException.NotInstalled e) {
            return Check.missing(HostReport.PRIVILEGE, Issue.NOT_INSTALLED, Fixes.notInstalled("sudo", host));
        } catch (CommandException e) {
            // A NOPASSWD rule limited to the ZFS tools refuses `true` but is all Sluice needs.
            if (zfsWorks && !zfsListDenied(true)) {
                return Check.ok(HostReport.PRIVILEGE, "sudo -n");
            }
            return Check.missing(HostReport.PRIVILEGE, Issue.SUDO_NEEDS_PASSWORD, Fixes.sudoNeedsPassword(user, host));
        }
    }

    private Check pkexec(String host) throws CommandException.HostUnreachable {
        try {
            runner.runAllowingFailure(quick("pkexec", "--version"));
        } catch (CommandException.HostUnreachable e) {
            throw e;
        } catch (CommandException.NotInstalled e) {
            return Check.missing(HostReport.PRIVILEGE, Issue.NOT_INSTALLED, Fixes.notInstalled("pkexec", host));
        } catch (CommandException e) {
            return Check.missing(HostReport.PRIVILEGE, Issue.FAILED, Fixes.failed("pkexec", e.getMessage()));
        }
        return runner.host().isLocal() ? Check.ok(HostReport.PRIVILEGE, "pkexec")
                : Check.warning(HostReport.PRIVILEGE, Issue.PKEXEC_UNVERIFIED, Fixes.pkexecRemote(host));
    }

    /** True when {@code zfs list} failed for lack of permission; false when it worked or failed otherwise. */
    private boolean zfsListDenied(boolean asRoot) throws CommandException.HostUnreachable {
        Command list = quick("zfs", "list", "-H", "-o", "name");
        try {
            runner.run(asRoot ? list.asRoot() : list);
            return false;
        } catch (CommandException.HostUnreachable e) {
            throw e;
        } catch (CommandException.PrivilegeDenied e) {
            return true;
        } catch (CommandException.Failed e) {
            return e.stderr().toLowerCase(Locale.ROOT).contains("permission denied") || asRoot;
        } catch (CommandException e) {
            return asRoot;
        }
    }

    private static Optional<String> firstLineOf(RunningCommand running) throws CommandException.HostUnreachable {
        try {
            return firstLine(running.await().stdout());
        } catch (CommandException.HostUnreachable e) {
            throw e;
        } catch (CommandException e) {
            return Optional.empty();
        }
    }

    private static Command quick(String... argv) {
        return Command.of(argv).withTimeout(QUICK);
    }

    static Optional<String> firstLine(String s) {
        return Arrays.stream(s.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    }

    // VBoxManage prints warnings (e.g. about vboxdrv) before its version; the version is the line starting with a digit.
    static Optional<String> versionLine(String stdout) {
        Optional<String> digits = Arrays.stream(stdout.split("\\R")).map(String::strip)
                .filter(l -> !l.isEmpty() && Character.isDigit(l.charAt(0))).findFirst();
        return digits.isPresent() ? digits : firstLine(stdout);
    }
}
