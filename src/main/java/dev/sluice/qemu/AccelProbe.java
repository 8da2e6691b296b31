package dev.sluice.qemu;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandRunner;
import dev.sluice.qemu.preflight.PathProbe;
import java.util.HashSet;
import java.util.Set;

/** Gathers {@link Accel.HostFacts} on a host through its runner (works the same over SSH). */
public final class AccelProbe {
    private final CommandRunner runner;

    public AccelProbe(CommandRunner runner) {
        this.runner = runner;
    }

    public Accel.HostFacts probe() throws CommandException {
        Set<String> flags = cpuFlags(runner.runAllowingFailure(Command.of("cat", "/proc/cpuinfo")).stdout());
        PathProbe probe = new PathProbe(runner);
        // group membership (kvm) decides, so compare the node's mode with the hypervisor user's groups
        boolean usable = probe.stat("/dev/kvm").map(f -> {
            try {
                return f.allows(probe.user(), false);
            } catch (CommandException e) {
                return false;
            }
        }).orElse(false);
        boolean pvm = runner.runAllowingFailure(Command.of("stat", "-c", "%n", "/sys/module/kvm_pvm")).ok();
        return new Accel.HostFacts(usable, flags, pvm);
    }

    public Accel choose() throws CommandException {
        return Accel.choose(probe());
    }

    static Set<String> cpuFlags(String cpuinfo) {
        Set<String> flags = new HashSet<>();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                for (String f : line.substring(colon + 1).strip().split("\\s+")) {
                    flags.add(f);
                }
                break;
            }
        }
        return flags;
    }
}
