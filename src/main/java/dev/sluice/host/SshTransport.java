package dev.sluice.host;

import java.io.File;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on a host through the system {@code ssh} client, so the user's ~/.ssh/config,
 * agent and known_hosts apply exactly as in a terminal. Never prompts ({@code BatchMode=yes}).
 *
 * <p>Connections are reused: OpenSSH multiplexing ({@code ControlMaster=auto}) over a socket in a
 * private directory, kept 60 s after the last command. A command takes one mux round trip
 * instead of a TCP and key exchange.
 *
 * <p>Each remote command first prints {@code SLUICE-PGID <nonce> <pid>} to stderr: its process
 * group on the host. Killing the local ssh client would not stop the remote side (there is no
 * pty), so cancel sends {@code kill -TERM -<pgid>} over the same connection. After the command,
 * {@code SLUICE-EXIT <nonce> <rc>} tells a command that exited 255 from a connection that died.
 * Both lines are removed before anyone sees stderr.
 */
public final class SshTransport implements Transport {
    static final String MARKER = "SLUICE-PGID";
    /** Printed by the remote shell after the command: without it, an exit 255 means the connection died. */
    static final String EXIT = "SLUICE-EXIT";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The login shell gets the line as one argument; Linux caps one argument at 128 KiB. */
    static final int MAX_REMOTE_LINE = 120_000;

    private final Host host;
    private final List<String> extraOptions;
    private final String nonce;
    private final String controlPathToken;
    /** Null: the process-wide {@link ControlDirectory}. */
    private final java.nio.file.Path controlDirectory;

    public SshTransport(Host host, List<String> extraOptions) {
        this(host, extraOptions, null);
    }

    /** With its own control directory (tests of the socket-path budget). */
    SshTransport(Host host, List<String> extraOptions, java.nio.file.Path controlDirectory) {
        if (host.isLocal() || host.sshTarget() == null || host.sshTarget().isBlank()) {
            throw new IllegalArgumentException("an SSH transport needs an SSH host with a target, got " + host);
        }
        this.host = host;
        this.extraOptions = List.copyOf(Objects.requireNonNull(extraOptions, "extraOptions"));
        this.nonce = randomHex(8);
        // one master per transport: closing this runner never cuts another runner's sessions
        this.controlPathToken = randomHex(4);
        this.controlDirectory = controlDirectory;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String hostName() {
        return host.displayName();
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    /** The nonce that marks this transport's bookkeeping lines on stderr. */
    String nonce() {
        return nonce;
    }

    /**
     * {@code (exec argv)}: the real program, never a shell builtin of the same name, in a child of
     * the session leader (so in its process group); then the exit trailer.
     */
    @Override
    public List<String> wrap(List<String> argv) {
        return wrapShell("(exec " + ShellQuote.join(argv) + "); r=$?; " + exitTrailer("$r") + "; exit $r");
    }

    /** The shell command that prints the exit trailer for {@code status} (a shell word). */
    String exitTrailer(String status) {
        return "echo " + EXIT + " " + nonce + " " + status + " >&2";
    }

    boolean isExitTrailer(String stderrLine) {
        return stderrLine.startsWith(EXIT + " " + nonce + " ");
    }

    /** English messages on the host too; see {@link ProcessCommandRunner#processBuilder}. */
    static final String ENGLISH_MESSAGES = "if [ -n \"${LC_ALL-}\" ]; then LANG=$LC_ALL; export LANG; fi;"
            + " unset LC_ALL LANGUAGE; LC_MESSAGES=C; export LC_MESSAGES; ";

    @Override
    public List<String> wrapShell(String script) {
        return sshArgv("echo " + MARKER + " " + nonce + " $$ >&2; " + ENGLISH_MESSAGES + script);
    }

    /** ssh with our options, then {@code --} (so neither target nor line can pass for an option). */
    private List<String> sshArgv(String script) {
        String line = RemoteLine.forScript(script);
        if (line.length() > MAX_REMOTE_LINE) {
            // Linux refuses a single argument over 128 KiB: the login shell would never start
            throw new IllegalArgumentException("the command is too long to run over SSH (" + line.length()
                    + " characters once quoted, at most " + MAX_REMOTE_LINE + "); split it into several commands");
        }
        List<String> a = sshOptions();
        a.add("--");
        a.add(host.sshTarget());
        a.add(line);
        return a;
    }

    List<String> sshOptions() {
        List<String> a = new ArrayList<>(List.of("ssh", "-T", "-x",
                "-o", "BatchMode=yes",
                "-o", "ClearAllForwardings=yes",
                "-o", "ControlMaster=auto",
                "-o", "ControlPath=" + controlPath(),
                "-o", "ControlPersist=60"));
        if (host.port() > 0) {
            a.add("-p");
            a.add(Integer.toString(host.port()));
        }
        if (host.identityFile() != null && !host.identityFile().isBlank()) {
            a.add("-i");
            a.add(host.identityFile());
        }
        a.addAll(extraOptions);
        a.addAll(livenessDefaults());
        return a;
    }

    private volatile List<String> liveness;
    /** {@code ssh -G} only reads the configuration; a `Match exec` may run a command that hangs. */
    static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(5);

    /**
     * A dead host must fail a command within a minute, not hang it for the kernel's TCP timeouts
     * (minutes to connect, hours for a stream): ConnectTimeout and ServerAliveInterval, but only
     * where neither the user's ssh config nor the extra options set them ({@code ssh -G} tells).
     */
    List<String> livenessDefaults() {
        List<String> l = liveness;
        if (l == null) {
            l = probeLiveness();
            liveness = l;
        }
        return l;
    }

    private List<String> probeLiveness() {
        List<String> probe = new ArrayList<>(List.of("ssh", "-G"));
        if (host.port() > 0) {
            probe.addAll(List.of("-p", Integer.toString(host.port())));
        }
        probe.addAll(extraOptions);
        probe.addAll(List.of("--", host.sshTarget()));
        String config;
        Process p = null;
        try {
            p = new ProcessBuilder(probe).redirectInput(new File("/dev/null")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // read on the side: a config whose `Match exec` hangs must not hang us (the wait below is the timeout)
            Process started = p;
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(started.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }, ProcessCommandRunner.io());
            if (!p.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return List.of();
            }
            config = out.get(1, TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (p != null && p.isAlive()) {
                ProcessCommandRunner.killTree(p);
            }
        }
        List<String> add = new ArrayList<>();
        if (config.lines().anyMatch(line -> line.equals("connecttimeout none"))) {
            add.addAll(List.of("-o", "ConnectTimeout=15"));
        }
        if (config.lines().anyMatch(line -> line.equals("serveraliveinterval 0"))) {
            add.addAll(List.of("-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=4"));
        }
        return List.copyOf(add);
    }

    /** {@code <private dir>/<token>-%C}: %C is ssh's hash of user, host and port, so it stays short. */
    String controlPath() {
        java.nio.file.Path dir = controlDirectory != null ? controlDirectory : ControlDirectory.get();
        return dir.toString().replace("%", "%%") + "/" + controlPathToken + "-%C";
    }

    @Override
    public OptionalLong remoteProcessGroup(String stderrLine) {
        String prefix = MARKER + " " + nonce + " ";
        if (!stderrLine.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(stderrLine.substring(prefix.length()).strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean isBookkeeping(String stderrLine) {
        return remoteProcessGroup(stderrLine).isPresent() || isExitTrailer(stderrLine) || SshMessages.isNoise(stderrLine);
    }

    @Override
    public String filterStderr(String stderr) {
        if (stderr.isEmpty()) {
            return stderr;
        }
        StringBuilder sb = new StringBuilder(stderr.length());
        int start = 0;
        while (start < stderr.length()) {
            int nl = stderr.indexOf('\n', start);
            int end = nl < 0 ? stderr.length() : nl + 1;
            String line = stderr.substring(start, nl < 0 ? end : nl);
            if (!isBookkeeping(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)) {
                sb.append(stderr, start, end);
            }
            start = end;
        }
        return sb.toString();
    }

    /**
     * ssh itself failed (it exits 255) rather than the remote command: the command never started
     * (no process-group marker), or it started but the connection died before the exit trailer.
     * A command that really exits 255 still prints its trailer.
     */
    @Override
    public boolean isTransportFailure(int exitCode, String rawStderr) {
        return exitCode == 255 && !rawStderr.contains(EXIT + " " + nonce + " ");
    }

    @Override
    public String describeTransportFailure(String rawStderr) {
        return SshMessages.explain(filterStderr(rawStderr), host, rawStderr.contains(MARKER + " " + nonce + " "));
    }

    /**
     * {@code kill -TERM} to the remote process group, and {@code KILL} two seconds later to what is
     * left; then it waits up to three more seconds for the group to be gone, and says so (exit 0) or
     * not (exit 3). Through {@code sudo -n} as well when the command ran under sudo: the user may
     * signal sudo's own process (which forwards the signal), but not always the command it started.
     * Liveness comes from {@code ps} (it sees root's processes too, which {@code kill -0} cannot tell).
     */
    @Override
    public CompletableFuture<Boolean> cancelRemote(Command command, long processGroup) {
        return runQuietly(sshArgv(cancelScript(processGroup, command.needsRoot() && host.elevation() == Elevation.SUDO)), CANCEL_TIMEOUT_SECONDS)
                .thenApply(exit -> exit == 0);
    }

    static final int CANCEL_TIMEOUT_SECONDS = 10;

    static String cancelScript(long processGroup, boolean sudo) {
        String g = "-" + processGroup;
        String term = "kill -TERM " + g + (sudo ? "; sudo -n kill -TERM -- " + g : "");
        String kill = "kill -KILL " + g + (sudo ? "; sudo -n kill -KILL -- " + g : "");
        return "alive() { if command -v ps >/dev/null 2>&1; then ps -A -o pgid= | grep -qx ' *" + processGroup + "';"
                + " else kill -0 " + g + " 2>/dev/null; fi; }; "
                + "{ " + term + "; } >/dev/null 2>&1; i=0; while alive; do i=$((i+1)); "
                + "if [ $i -eq 3 ]; then { " + kill + "; } >/dev/null 2>&1; fi; "
                + "if [ $i -ge 6 ]; then exit 3; fi; sleep 1; done; exit 0";
    }

    /** Asks the master connection to exit; the next command would open a new one. */
    @Override
    public void close() {
        List<String> a = sshOptions();
        a.addAll(List.of("-O", "exit", "--", host.sshTarget()));
        try {
            runQuietly(a, 5).get(6, TimeUnit.SECONDS);
        } catch (Exception e) {
            // no master was running, or it is already gone: nothing to close
        }
    }

    /** Is a master connection up? ({@code ssh -O check}) For tests and diagnostics. */
    public boolean hasMasterConnection() {
        List<String> a = sshOptions();
        a.addAll(List.of("-O", "check", "--", host.sshTarget()));
        try {
            Process p = new ProcessBuilder(a).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Completes with the exit status, or -1 when it could not start or ran out of time. */
    private static CompletableFuture<Integer> runQuietly(List<String> argv, int timeoutSeconds) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        try {
            Process p = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.onExit().thenRun(() -> done.complete(p.exitValue()));
            done.completeOnTimeout(-1, timeoutSeconds, TimeUnit.SECONDS).whenComplete((v, t) -> {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            });
        } catch (IOException e) {
            done.complete(-1);
        }
        return done;
    }

    @Override
    public String toString() {
        return "SshTransport[" + host.sshTarget() + (host.port() > 0 ? ":" + host.port() : "") + "]";
    }
}
