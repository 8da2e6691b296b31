package dev.sluice.host.probe;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;

/**
 * Whether the account Sluice runs as can see the zvol device links ({@code /dev/zvol} on Linux,
 * {@code /dev/zvol/rdsk} on illumos). Linux creates the directory with the first zvol, so its absence
 * is not a problem; a permission error is, and its fix is the disk group.
 */
public final class ZvolAccess {
    private ZvolAccess() {
    }

    public static Check check(CommandRunner runner) {
        CommandResult r;
        try {
            r = runner.runAllowingFailure(Command.of("ls", "-L", "/dev/zvol"));
        } catch (CommandException e) {
            return Check.missing("/dev/zvol", Issue.HOST_UNREACHABLE, e.getMessage());
        }
        if (r.ok()) {
            return Check.ok("/dev/zvol", null);
        }
        String err = r.stderr().toLowerCase(java.util.Locale.ROOT);
        if (err.contains("no such file")) {
            return Check.warning("/dev/zvol", Issue.NO_ZVOLS_YET,
                    "There are no zvols on this host yet (/dev/zvol appears with the first one). Create one in Volumes.");
        }
        return Check.missing("/dev/zvol", Issue.ZVOL_DEVICES_UNREADABLE,
                "Sluice cannot read /dev/zvol: " + r.stderr().strip() + ". Add your user to the disk group "
                        + "(`sudo usermod -aG disk $USER`, then log in again), or choose sudo -n for this host.");
    }
}
