package dev.sluice.host;

import java.util.ArrayList;
import java.util.List;

/**
 * How one host reaches another over SSH for a direct stream: {@code destination} as that host's own ssh
 * client would take it ({@code root@backup}, an alias of its ~/.ssh/config), {@code port} 0 for its default.
 * The host's own keys and known_hosts are used, with host-key checking on and no prompts: a host it does not
 * know, or a key it lacks, fails the {@link #probe} instead of asking.
 */
public record SshHop(String destination, int port) {

    public SshHop {
        if (destination == null || destination.isBlank() || destination.startsWith("-") || destination.chars().anyMatch(
                c -> Character.isWhitespace(c) || c == '\'' || c == '"' || c == '\\' || c == '`' || c == '$' || c == ';')) {
            throw new IllegalArgumentException("'" + destination + "' is not an SSH destination: type user@host or a host alias");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 1–65535 (or empty for ssh's default), not " + port);
        }
    }

    /** The hop that reaches {@code host} under the name Sluice itself uses for it. */
    public static SshHop to(Host host) {
        if (host.isLocal()) {
            throw new IllegalArgumentException("this machine is not an SSH host");
        }
        return new SshHop(host.sshTarget(), host.port());
    }

    /** The ssh client's argv up to and including the destination. */
    public List<String> sshArgv() {
        List<String> a = new ArrayList<>(List.of("ssh", "-T", "-x",
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "ConnectTimeout=15",
                "-o", "ServerAliveInterval=15",
                "-o", "ServerAliveCountMax=4"));
        if (port > 0) {
            a.add("-p");
            a.add(Integer.toString(port));
        }
        a.add("--");
        a.add(destination);
        return a;
    }

    /**
     * {@code command} run on the far host through this hop; {@code onFarHost} is its argv as it runs there
     * (elevation included). The ssh client itself needs no root on the near host.
     */
    public Command wrap(Command command, List<String> onFarHost) {
        return wrapLine(command, ShellQuote.join(onFarHost));
    }

    /** {@code command} as the far host's shell line {@code lineOnFarHost} (a pipeline of quoted argvs), through this hop. */
    Command wrapLine(Command command, String lineOnFarHost) {
        List<String> a = sshArgv();
        a.add(lineOnFarHost);
        Command c = Command.of(a);
        return command.hasTimeout() ? c.withTimeout(command.timeout()) : c.untimed();
    }

    /** What {@link #probe} runs on the near host: log in and ask the far host's zfs for its version, elevated as a receive would be. */
    public Command probeCommand(List<String> zfsVersionOnFarHost) {
        List<String> a = sshArgv();
        a.add(ShellQuote.join(zfsVersionOnFarHost));
        return Command.of(a).withTimeout(java.time.Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return destination + (port > 0 ? ":" + port : "");
    }
}
