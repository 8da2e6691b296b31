package dev.sluice.host.sshd;

import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.Runners;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway OpenSSH server on a free loopback port: its own host key, client key, authorized
 * keys and pid file in a temp directory, {@code -D -e} so its log is ours. Needs root (sshd
 * changes to the logged-in user) and Debian's {@code openssh-server}; fails loudly otherwise.
 *
 * <p>Users: {@code root}, and {@link #UNPRIVILEGED} (created if missing, no sudo rights).
 */
public final class Sshd implements AutoCloseable {
    public static final String UNPRIVILEGED = "sluice-test";
    /** Users whose login shell is not POSIX: FreeBSD's root used csh for decades, some admins use fish. */
    public static final String TCSH_USER = "sluice-tcsh";
    public static final String FISH_USER = "sluice-fish";
    /** What the testbed passes too: a throwaway host key, only our key offered. */
    public static final List<String> TEST_SSH_OPTIONS = List.of("-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR");
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;
    private final Path log;
    private final Path clientKey;
    private final List<ProcessCommandRunner> runners = new ArrayList<>();
    private ProcessCommandRunner userRunner;

    private Sshd(Path dir, int port, Process process, Path log, Path clientKey) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.log = log;
        this.clientKey = clientKey;
    }

    public static Sshd start() throws IOException, InterruptedException {
        requireRootAndSshd();
        ensureUnprivilegedUser();
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation directory
        Path dir = Files.createTempDirectory("sluice-sshd");
        // sshd reads authorized_keys as the logging-in user: the directory must be readable by sluice-test
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path hostKey = dir.resolve("host_ed25519");
        Path clientKey = dir.resolve("client_ed25519");
        exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "sluice-test-host", "-f", hostKey.toString());
        exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "sluice-test-client", "-f", clientKey.toString());
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(Path.of(clientKey + ".pub"), authorized);
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "StrictModes no",
                "UsePAM no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "MaxStartups 200",
                "LogLevel VERBOSE",
                ""), StandardCharsets.UTF_8);
        Path log = dir.resolve("sshd.log");
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Sshd sshd = new Sshd(dir, port, p, log, clientKey);
        sshd.awaitListening();
        return sshd;
    }

    private static void requireRootAndSshd() throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException("SSH tests need an OpenSSH server at " + SSHD + ": apt-get install openssh-server sudo");
        }
        String uid = exec("id", "-u").strip();
        if (!uid.equals("0")) {
            throw new IllegalStateException("SSH tests start their own sshd and log in as root and " + UNPRIVILEGED
                    + ": run them as root (CI does), not as uid " + uid);
        }
    }

    private static void ensureUnprivilegedUser() throws IOException, InterruptedException {
        ensureUser(UNPRIVILEGED, "/bin/sh");
        ensureUser(TCSH_USER, "/usr/bin/tcsh");
        ensureUser(FISH_USER, "/usr/bin/fish");
    }

    /** A user with no sudo rights, not locked (sshd without PAM refuses locked accounts). */
    private static void ensureUser(String name, String shell) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(shell))) {
            throw new IllegalStateException("SSH tests log in as " + name + " whose login shell is " + shell
                    + ", which is missing: apt-get install tcsh fish");
        }
        if (new ProcessBuilder("id", name).start().waitFor() != 0) {
            exec("useradd", "--create-home", "--shell", shell, name);
        }
        exec("usermod", "--shell", shell, "-p", "*", name);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited at start: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not listen on port " + port + " within 10 s: " + Files.readString(log));
    }

    static String exec(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return clientKey;
    }

    /** A directory on the "remote" side (the same machine) that every test user may write. */
    public Path scratch() throws IOException {
        Path s = dir.resolve("scratch");
        if (!Files.isDirectory(s)) {
            Files.createDirectory(s);
            Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        return s;
    }

    public Host host(String user, Elevation elevation) {
        return Host.ssh(user + "@127.0.0.1", port, clientKey.toString(), elevation);
    }

    /** A runner closed with this server. */
    public ProcessCommandRunner runner(String user, Elevation elevation, CommandJournal journal) {
        ProcessCommandRunner r = Runners.forHost(host(user, elevation), journal, TEST_SSH_OPTIONS);
        synchronized (runners) {
            runners.add(r);
        }
        return r;
    }

    public ProcessCommandRunner rootRunner() {
        return runner("root", Elevation.NONE, new CommandJournal());
    }

    /**
     * A runner for {@link #UNPRIVILEGED}, whose login shell is dash with no rc files: the fastest
     * login here (root's bash may source a slow ~/.bashrc on this machine).
     */
    public synchronized ProcessCommandRunner userRunner() {
        if (userRunner == null) {
            userRunner = runner(UNPRIVILEGED, Elevation.NONE, new CommandJournal());
        }
        return userRunner;
    }

    /** Is this process (on the "remote" side, which is this machine) still running? Zombies are not. */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** Waits until a file the remote command writes exists and is complete (ends with a newline). */
    public static String awaitFile(Path p, Duration max) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(max);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(p)) {
                String s = Files.readString(p);
                if (s.endsWith("\n")) {
                    return s.strip();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(p + " did not appear within " + max);
    }

    /** Waits until a process is gone; false if it still runs after {@code max}. */
    public static boolean awaitGone(long pid, Duration max) throws InterruptedException {
        Instant deadline = Instant.now().plus(max);
        while (Instant.now().isBefore(deadline)) {
            if (!isRunning(pid)) {
                return true;
            }
            Thread.sleep(20);
        }
        return !isRunning(pid);
    }

    /** How many logins sshd accepted so far (each is one TCP connection with a key exchange). */
    public long acceptedLogins() throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("Accepted publickey")).count();
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        synchronized (runners) {
            runners.forEach(ProcessCommandRunner::close);
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Thread.sleep(Duration.ofMillis(100));
        tree.forEach(h -> {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        });
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
