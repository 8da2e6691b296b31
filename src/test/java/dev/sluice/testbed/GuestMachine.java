package dev.sluice.testbed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One QEMU guest started by the project's {@code src/test/testbed/start.sh} and stopped by
 * {@code stop.sh}. Knows nothing about ZFS; {@link Testbed} builds on it.
 *
 * <p>The instance name carries this JVM's pid, so two Maven runs on one machine (two helpers, or
 * CI next to a developer) never share a guest; guests left by a JVM that died are stopped first.
 */
final class GuestMachine implements AutoCloseable {

    /** A cold first build of the image takes ~7 min; a cached one boots in ~25-45 s under TCG. */
    private static final Duration START_LIMIT = Duration.ofMinutes(20);
    private static final String PREFIX = "sluice-";

    private final Channel channel;
    private final String name;
    private final Map<String, String> env;
    private final Duration bootTime;
    private volatile boolean stopped;

    private GuestMachine(Channel channel, String name, Map<String, String> env, Duration bootTime) {
        this.channel = channel;
        this.name = name;
        this.env = env;
        this.bootTime = bootTime;
    }

    /**
     * Boots a fresh guest, or attaches to one already running when {@code SLUICE_TESTBED_ATTACH_<CHANNEL>}
     * names a start.sh instance (e.g. {@code SLUICE_TESTBED_ATTACH_BACKPORTS=dev}): handy while
     * iterating on tests; an attached guest is left running at the end.
     */
    static GuestMachine boot(Channel channel) throws IOException, InterruptedException {
        String attach = System.getenv("SLUICE_TESTBED_ATTACH_" + channel.scriptName().toUpperCase(java.util.Locale.ROOT));
        if (attach != null && !attach.isBlank()) {
            Map<String, String> env = parseEnv(Files.readString(cacheRoot().resolve("run").resolve(attach).resolve("env")));
            GuestMachine m = new GuestMachine(channel, attach, env, Duration.ZERO);
            m.stopped = true; // not ours to stop
            return m;
        }
        stopLeftovers(channel);
        String name = instanceName(channel);
        int port = freePort();
        long t0 = System.nanoTime();
        List<String> args = new java.util.ArrayList<>(List.of("-n", name, "-p", String.valueOf(port), "-d", "4", "-s", "2G"));
        for (Channel other : Channel.values()) {
            if (other != channel) {
                // the other channels' guests of this JVM, reachable from this one at their peer address (port 22)
                args.addAll(List.of("-g", Testbed.peerAddress(other) + "=" + instanceName(other)));
            }
        }
        Script start = run(channel, START_LIMIT, "start.sh", args.toArray(String[]::new));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (start.exitCode != 0) {
            throw new IOException("The " + channel + " testbed did not start (start.sh exit " + start.exitCode + ").\n"
                    + start.stderr + "\nRun src/test/testbed/ci-prepare.sh to build the images, then retry.");
        }
        Map<String, String> env = parseEnv(start.stdout);
        if (!env.containsKey("TESTBED_PORT") || !env.containsKey("TESTBED_KEY")) {
            throw new IOException("start.sh printed no TESTBED_PORT/TESTBED_KEY:\n" + start.stdout);
        }
        GuestMachine m = new GuestMachine(channel, name, env, took);
        Runtime.getRuntime().addShutdownHook(new Thread(m::close, "stop " + name));
        return m;
    }

    /** The start.sh instance a channel's guest has in this JVM: the attached one, or the one this JVM boots. */
    static String instanceName(Channel channel) {
        String attach = System.getenv("SLUICE_TESTBED_ATTACH_" + channel.scriptName().toUpperCase(java.util.Locale.ROOT));
        return attach != null && !attach.isBlank() ? attach : PREFIX + channel.scriptName() + "-" + ProcessHandle.current().pid();
    }

    private static Map<String, String> parseEnv(String text) {
        Map<String, String> env = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.startsWith("TESTBED_")) {
                env.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return env;
    }

    Channel channel() {
        return channel;
    }

    String name() {
        return name;
    }

    int port() {
        return Integer.parseInt(env.get("TESTBED_PORT"));
    }

    String keyFile() {
        return env.get("TESTBED_KEY");
    }

    String accel() {
        return env.getOrDefault("TESTBED_ACCEL", "unknown");
    }

    Duration bootTime() {
        return bootTime;
    }

    /** Whether this guest has been left to its own start.sh (an attached guest), so it is not ours to restart. */
    boolean attached() {
        return bootTime.isZero();
    }

    /** The last {@code lines} lines of the guest's serial console (kernel messages: an OOM kill, a panic). */
    String consoleTail(int lines) {
        Path log = cacheRoot().resolve("run").resolve(name).resolve("console.log");
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no console log at " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(channel, Duration.ofMinutes(1), "stop.sh", "-n", name);
            deleteQuietly(cacheRoot().resolve("run").resolve(name));
        } catch (IOException | InterruptedException e) {
            System.err.println("[testbed] could not stop " + name + ": " + e.getMessage());
        }
    }

    /** Guests named after a JVM that no longer runs (killed Maven, crashed fork). */
    private static void stopLeftovers(Channel channel) throws IOException, InterruptedException {
        Path runDir = cacheRoot().resolve("run");
        if (!Files.isDirectory(runDir)) {
            return;
        }
        String prefix = PREFIX + channel.scriptName() + "-";
        List<String> dead;
        try (Stream<Path> dirs = Files.list(runDir)) {
            dead = dirs.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix))
                    .filter(n -> {
                        try {
                            long pid = Long.parseLong(n.substring(prefix.length()));
                            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                        } catch (NumberFormatException e) {
                            return false;
                        }
                    })
                    .toList();
        }
        for (String n : dead) {
            run(channel, Duration.ofMinutes(1), "stop.sh", "-n", n);
            deleteQuietly(runDir.resolve(n));
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover directory is harmless; the next run tries again
        }
    }

    static Path cacheRoot() {
        String c = System.getenv("ZFS_TESTBED_CACHE");
        return Path.of(c == null || c.isBlank() ? "/var/cache/zfs-testbed" : c);
    }

    /** src/test/testbed of this checkout, found from the working directory Maven gives the test JVM. */
    static Path scriptDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("src/test/testbed/start.sh");
            if (Files.isRegularFile(s)) {
                return s.getParent();
            }
        }
        throw new IllegalStateException("src/test/testbed/start.sh not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private record Script(int exitCode, String stdout, String stderr) {
    }

    /** Runs a testbed script; its stderr (progress notes) is echoed with a prefix as it comes. */
    private static Script run(Channel channel, Duration limit, String script, String... args)
            throws IOException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(scriptDir().resolve(script).toString());
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("ZFS_CHANNEL", channel.scriptName());
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder err = new StringBuilder();
        Thread errPump = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.err.println("[testbed " + channel.scriptName() + "] " + line);
                    synchronized (err) {
                        err.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(script + " did not finish within " + limit.toMinutes() + " min");
        }
        errPump.join();
        synchronized (err) {
            return new Script(p.exitValue(), out, err.toString());
        }
    }
}
