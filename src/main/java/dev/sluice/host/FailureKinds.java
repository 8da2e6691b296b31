package dev.sluice.host;

/**
 * Which typed failure a finished command is, from its exit code and (English) stderr: refused
 * elevation, a missing program, or else a plain {@link CommandException.Failed} (null here).
 */
final class FailureKinds {
    private FailureKinds() {
    }

    /** Turns a finished process into a result or the right typed failure. */
    static CommandException classify(Host host, Command c, int exit, String stderr) {
        String err = stderr.toLowerCase(java.util.Locale.ROOT);
        if (c.needsRoot() && host.elevation() == Elevation.SUDO
                && (err.contains("a password is required") || err.contains("is not in the sudoers")
                || err.contains("not allowed to execute") || err.contains("may not run sudo"))) {
            return new CommandException.PrivilegeDenied(c, "sudo refused to run " + c.program() + " without a password on "
                    + host.displayName() + ". Allow it with a NOPASSWD rule, e.g. in /etc/sudoers.d/sluice: "
                    + "`youruser ALL=(root) NOPASSWD: /usr/sbin/zfs, /usr/sbin/zpool` — or delegate with `zfs allow`, "
                    + "or pick another privilege mode in the host settings.");
        }
        if (c.needsRoot() && host.elevation() == Elevation.PKEXEC && (exit == 126 || exit == 127)
                && (err.contains("not authorized") || err.contains("dismissed") || err.isBlank())) {
            return new CommandException.PrivilegeDenied(c, "pkexec did not authorize " + c.program() + " on "
                    + host.displayName() + " (the prompt was dismissed or polkit refused). Run Sluice in a desktop session "
                    + "with a polkit agent, or choose `sudo -n` for this host.");
        }
        String elevator = !c.needsRoot() ? null : switch (host.elevation()) {
            case SUDO -> "sudo";
            case PKEXEC -> "pkexec";
            case NONE -> null;
        };
        if (exit == 127 && elevator != null && namesMissing(err, elevator)) {
            return new CommandException.NotInstalled(c, elevator, host.displayName());
        }
        // sudo says "sudo: zfs: command not found" and exits 1; shells exit 127
        if ((exit == 127 || exit == 1 && "sudo".equals(elevator)) && namesMissing(err, c.program())) {
            return new CommandException.NotInstalled(c, c.program(), host.displayName());
        }
        return null;
    }

    /**
     * Does stderr say that this program was not found? Only then is it "not installed": a script
     * whose inner command is missing also exits 127, but its program is there.
     */
    private static boolean namesMissing(String lowerStderr, String program) {
        String p = program.toLowerCase(java.util.Locale.ROOT);
        return lowerStderr.contains(p + ": not found") || lowerStderr.contains(p + ": command not found")
                || lowerStderr.contains(p + ": no such file") || lowerStderr.contains(p + "': no such file");
    }
}
