package dev.sluice.migrate;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who has a zvol's device open, as the host's kernel reports it, read-only: {@code /sys/block/zdN/holders}
 * (device-mapper, md, a partition table in use) and processes with an open file descriptor on it (found
 * with {@code find /proc -lname /dev/zdN}, which needs no extra tool). A zvol someone holds must not be moved
 * as if it were idle.
 */
public final class DeviceUse {
    private final CommandRunner runner;

    public DeviceUse(CommandRunner runner) {
        this.runner = runner;
    }

    /** What holds the device: kernel holders by name, processes as "comm (pid N)"; empty when idle or absent. */
    public List<String> users(String device, boolean processes) throws CommandException {
        CommandResult real = runner.runAllowingFailure(Command.of("readlink", "-e", "--", device));
        String node = real.stdout().strip();
        if (!real.ok() || !node.startsWith("/dev/")) {
            return List.of(); // no device node (volmode=none, or not created yet): nothing can hold it
        }
        String kernelName = node.substring(node.lastIndexOf('/') + 1);
        List<String> out = new ArrayList<>();
        CommandResult holders = runner.runAllowingFailure(Command.of("ls", "-1", "--", "/sys/block/" + kernelName + "/holders"));
        if (holders.ok()) {
            holders.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
        }
        if (processes) {
            // exit 1 is normal here: processes come and go while find walks /proc
            CommandResult fds = runner.runAllowingFailure(Command.of("find", "/proc", "-mindepth", "3", "-maxdepth", "3",
                    "-lname", node).asRoot());
            Set<String> pids = new LinkedHashSet<>();
            for (String line : fds.stdout().lines().toList()) {
                String[] parts = line.strip().split("/");
                if (parts.length == 5 && parts[1].equals("proc") && parts[2].chars().allMatch(Character::isDigit)
                        && parts[3].equals("fd")) {
                    pids.add(parts[2]);
                }
            }
            for (String pid : pids) {
                CommandResult comm = runner.runAllowingFailure(Command.of("cat", "/proc/" + pid + "/comm"));
                out.add((comm.ok() ? comm.stdout().strip() : "?") + " (pid " + pid + ")");
            }
        }
        return out;
    }
}
