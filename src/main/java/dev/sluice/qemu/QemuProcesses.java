package dev.sluice.qemu;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.PrivateDirectory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The QEMU processes of one host, found through the runner: pidfiles, liveness via
 * {@code /proc/<pid>/cmdline} (which also guards against a recycled pid), clean-up.
 */
final class QemuProcesses {
    private final CommandRunner runner;
    private final QemuRunPaths paths;

    QemuProcesses(CommandRunner runner, QemuRunPaths paths) {
        this.runner = runner;
        this.paths = paths;
    }

    /** Creates the run directory 0700, or refuses one that is not private (a symlink, someone else's, open to others). */
    void prepareRunDir() throws CommandException, QemuVmException {
        int uid = Integer.parseInt(runner.run(Command.of("id", "-u")).stdout().strip());
        String problem = PrivateDirectory.ensure(runner, paths.privateDirs(), uid);
        if (problem != null) {
            throw new QemuVmException.UnsafeRunDirectory(problem);
        }
    }

    /** The pid in the VM's pidfile, if the file exists and holds a number. */
    OptionalLong pidFromFile(String vm) throws CommandException {
        CommandResult r = runner.runAllowingFailure(Command.of("cat", paths.pidFile(vm)));
        if (!r.ok()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(r.stdout().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Alive and really this VM's QEMU (its argv carries {@code -name guest=<vm>,...}). */
    boolean isAlive(String vm, long pid) throws CommandException {
        CommandResult r = runner.runAllowingFailure(Command.of("cat", "/proc/" + pid + "/cmdline"));
        if (!r.ok() || r.stdout().isEmpty()) {
            return false; // gone, or a zombie with an empty cmdline
        }
        List<String> argv = Arrays.asList(r.stdout().split("\0"));
        int name = argv.indexOf("-name");
        return name >= 0 && name + 1 < argv.size() && argv.get(name + 1).startsWith("guest=" + vm + ",");
    }

    /** Waits until the process is gone; false if it is still there after {@code within}. */
    boolean awaitExit(String vm, long pid, Duration within) throws CommandException {
        long deadline = System.nanoTime() + within.toNanos();
        while (isAlive(vm, pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    void terminate(long pid) throws CommandException {
        runner.runAllowingFailure(Command.of("kill", "-TERM", Long.toString(pid)));
    }

    void kill(long pid) throws CommandException {
        runner.runAllowingFailure(Command.of("kill", "-KILL", Long.toString(pid)));
    }

    void removeRunFiles(String vm) throws CommandException {
        runner.runAllowingFailure(Command.of("rm", "-f", "--", paths.pidFile(vm), paths.qmpSocket(vm)));
    }
}
