package dev.sluice.qemu.preflight;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Facts about paths and the hypervisor user on a host, through its runner. Uses {@code stat -L}
 * (follows the /dev/zvol symlinks to the /dev/zdN node) and {@code id}; {@code test -e} would
 * need a shell.
 */
public final class PathProbe {
    private final CommandRunner runner;

    public PathProbe(CommandRunner runner) {
        this.runner = runner;
    }

    public static Command statCommand(String path) {
        return Command.of("stat", "-L", "-c", "%F|%s|%a|%u|%g", "--", path);
    }

    /** Empty when the path (or what its symlink points at) does not exist. */
    public Optional<PathFacts> stat(String path) throws CommandException {
        CommandResult r = runner.runAllowingFailure(statCommand(path));
        if (!r.ok()) {
            if (r.stderr().contains("No such file or directory") || r.stderr().contains("Not a directory")) {
                return Optional.empty();
            }
            throw new CommandException.Failed(r);
        }
        return Optional.of(parseStat(path, r.stdout()));
    }

    static PathFacts parseStat(String path, String out) {
        String[] f = out.strip().split("\\|");
        if (f.length != 5) {
            throw new IllegalArgumentException("unexpected stat output for " + path + ": " + out.strip());
        }
        PathFacts.Type type = switch (f[0]) {
            case "regular file", "regular empty file" -> PathFacts.Type.REGULAR_FILE;
            case "block special file" -> PathFacts.Type.BLOCK_DEVICE;
            case "directory" -> PathFacts.Type.DIRECTORY;
            default -> PathFacts.Type.OTHER;
        };
        return new PathFacts(path, type, Long.parseLong(f[1]), Integer.parseInt(f[2], 8), Integer.parseInt(f[3]), Integer.parseInt(f[4]));
    }

    public HypervisorUser user() throws CommandException {
        String name = runner.run(Command.of("id", "-un")).stdout().strip();
        int uid = Integer.parseInt(runner.run(Command.of("id", "-u")).stdout().strip());
        Set<Integer> gids = new HashSet<>();
        for (String g : runner.run(Command.of("id", "-G")).stdout().strip().split("\\s+")) {
            if (!g.isEmpty()) {
                gids.add(Integer.parseInt(g));
            }
        }
        return new HypervisorUser(name, uid, gids);
    }
}
