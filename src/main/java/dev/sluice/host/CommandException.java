package dev.sluice.host;

/**
 * A command that did not succeed. Subtypes say why; each message names the problem and the fix,
 * and is fit to show a user as it is.
 */
public sealed class CommandException extends Exception
        permits CommandException.Failed, CommandException.NotInstalled, CommandException.PrivilegeDenied,
        CommandException.TimedOut, CommandException.Cancelled, CommandException.HostUnreachable,
        CommandException.StopNotConfirmed {

    private final Command command;

    protected CommandException(Command command, String message, Throwable cause) {
        super(message, cause);
        this.command = command;
    }

    public Command command() {
        return command;
    }

    /** Non-zero exit. Domain services turn these into their own typed errors by stderr. */
    public static final class Failed extends CommandException {
        private final CommandResult result;

        public Failed(CommandResult result) {
            super(result.command(), describe(result), null);
            this.result = result;
        }

        private static String describe(CommandResult r) {
            String err = r.stderr().strip();
            return r.command().program() + " failed (exit " + r.exitCode() + ")" + (err.isEmpty() ? "" : ": " + err);
        }

        public CommandResult result() {
            return result;
        }

        public int exitCode() {
            return result.exitCode();
        }

        public String stderr() {
            return result.stderr();
        }
    }

    /** The program is not on the host. {@code hint} says which package provides it. */
    public static final class NotInstalled extends CommandException {
        private final String program;
        private final String hostName;

        public NotInstalled(Command command, String program, String hostName) {
            super(command, program + " is not installed on " + hostName + ". " + ToolHints.installHint(program), null);
            this.program = program;
            this.hostName = hostName;
        }

        public String program() {
            return program;
        }

        /** The host as the user named it, for the localized message (UserMessages). */
        public String hostName() {
            return hostName;
        }
    }

    /** Elevation was refused (sudo -n needs a password, pkexec was dismissed) or permission denied. */
    public static final class PrivilegeDenied extends CommandException {
        public PrivilegeDenied(Command command, String message) {
            super(command, message, null);
        }
    }

    public static final class TimedOut extends CommandException {
        public TimedOut(Command command) {
            super(command, command.program() + " did not finish within " + command.timeout().toSeconds()
                    + " s and was stopped. The host may be overloaded or the command stuck; try again, or run it by hand from Activity → Copy as shell.", null);
        }
    }

    public static final class Cancelled extends CommandException {
        public Cancelled(Command command) {
            super(command, command.program() + " was cancelled.", null);
        }
    }

    /**
     * Cancelled, but the host never confirmed that the command is gone (no answer to the stop, the
     * process group still there after SIGKILL, or it had not yet said which group it is).
     */
    public static final class StopNotConfirmed extends CommandException implements dev.sluice.task.StopNotConfirmed {
        public StopNotConfirmed(Command command, String hostName, long processGroup, String why) {
            super(command, "Sluice asked " + hostName + " to stop " + command.program() + ", but could not confirm that it stopped ("
                    + why + "). It may still be running there: " + (processGroup > 0
                    ? "check with `ps -o pid,user,args -g " + processGroup + "` on " + hostName + " and stop it with `kill -KILL -- -"
                            + processGroup + "` (as root if it runs as root)."
                    : "look for it with `ps -ef | grep " + command.program() + "` on " + hostName + " and stop it there."), null);
        }
    }

    /** SSH could not reach or log into the host (ssh exit 255 before the command ran). */
    public static final class HostUnreachable extends CommandException {
        public HostUnreachable(Command command, String hostName, String detail) {
            super(command, "Cannot connect to " + hostName + ": " + detail
                    + ". Check that `ssh " + hostName + "` works in a terminal without a password prompt (BatchMode): key in the agent, host in known_hosts.", null);
        }
    }
}
