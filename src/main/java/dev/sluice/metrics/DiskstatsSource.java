package dev.sluice.metrics;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Physical disks and zvols from Linux {@code /proc/diskstats}. Locally the file is read on every
 * tick. On an SSH host one remote shell loop prints {@code /proc/uptime} and the file every second,
 * followed by a marker line, and the block is parsed when the marker arrives: one connection for
 * the whole session instead of an ssh call per sample. The remote uptime stamps each block, so
 * network jitter does not distort the rates.
 */
public final class DiskstatsSource implements ThroughputSource {
    public static final String TICK_MARKER = "SLUICE-TICK";
    static final String REMOTE_LOOP = "while :; do cat /proc/uptime /proc/diskstats || exit 1; echo " + TICK_MARKER + "; sleep 1; done";
    private static final Pattern NOT_A_DISK = Pattern.compile("(loop|ram|zram|sr|fd|nbd)[0-9]+");
    private static final Pattern WHOLE_ZVOL = Pattern.compile("zd[0-9]+");
    private static final long MAP_RETRY_NANOS = 5_000_000_000L;

    private final CommandRunner runner;
    private final Path localFile;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final RateCalculator rates = new RateCalculator();
    private final Object lock = new Object();

    private Sink sink;
    private RunningCommand stream;
    private volatile boolean open;
    private boolean failedOnce;
    private Map<String, String> zvolByKernelName = Map.of();
    private Set<String> zdAtLastMapping;
    private long lastMappingNanos;

    /** {@code localFile} is read when the runner's host is local ({@code /proc/diskstats}; a test file in tests). */
    public DiskstatsSource(CommandRunner runner, Path localFile, LongSupplier nanoClock, LongSupplier wallClock) {
        this.runner = runner;
        this.localFile = localFile;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    public static DiskstatsSource forHost(CommandRunner runner) {
        return new DiskstatsSource(runner, Path.of("/proc/diskstats"), System::nanoTime, System::currentTimeMillis);
    }

    @Override
    public String name() {
        return "disk statistics";
    }

    @Override
    public void open(Sink sink) {
        synchronized (lock) {
            this.sink = sink;
            open = true;
            failedOnce = false;
            zdAtLastMapping = null;
            rates.retainOnly(Set.of()); // baselines from an earlier session would average over the gap
        }
        if (!runner.host().isLocal()) {
            startStream();
        }
    }

    @Override
    public void poll() {
        if (!open || !runner.host().isLocal()) {
            return;
        }
        String text;
        try {
            text = Files.readString(localFile);
        } catch (IOException e) {
            fail(ThroughputUnavailable.notLinux(runner.hostName()));
            return;
        }
        process(text, nanoClock.getAsLong());
    }

    @Override
    public void close() {
        RunningCommand s;
        synchronized (lock) {
            open = false;
            s = stream;
            stream = null;
        }
        if (s != null) {
            s.cancel();
        }
    }

    private void startStream() {
        StringBuilder block = new StringBuilder(8192);
        long[] remoteNanos = {-1};
        OutputListener listener = new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                if (line.equals(TICK_MARKER)) {
                    long at = remoteNanos[0] >= 0 ? remoteNanos[0] : nanoClock.getAsLong();
                    process(block, at);
                    block.setLength(0);
                    remoteNanos[0] = -1;
                } else if (block.isEmpty() && remoteNanos[0] < 0 && isUptime(line)) {
                    remoteNanos[0] = uptimeNanos(line);
                } else {
                    block.append(line).append('\n');
                }
            }
        };
        RunningCommand s = runner.start(Command.of("sh", "-c", REMOTE_LOOP).untimed(), listener);
        synchronized (lock) {
            stream = s;
        }
        s.future().whenComplete((result, error) -> {
            boolean current; // a stream cancelled by close() may end after the next open(): not a failure
            synchronized (lock) {
                current = stream == s && open;
            }
            if (current) {
                fail(ThroughputUnavailable.streamStopped("disk statistics", runner.hostName(), "cat /proc/diskstats",
                        error != null ? error.getMessage() : detail(result)));
            }
        });
    }

    private static String detail(CommandResult r) {
        return r == null ? "" : "exit " + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip());
    }

    /** Parses one snapshot of the file and hands rates to the sink. */
    void process(CharSequence text, long nanos) {
        List<Diskstats.Entry> entries = Diskstats.parse(text);
        Set<String> names = new HashSet<>(entries.size() * 2);
        Set<String> zd = new HashSet<>();
        for (Diskstats.Entry e : entries) {
            names.add(e.name());
            if (WHOLE_ZVOL.matcher(e.name()).matches()) {
                zd.add(e.name());
            }
        }
        Map<String, String> zvols = zvolMapping(zd, nanos);
        List<Device> devices = new ArrayList<>(entries.size());
        Map<Device, IoRate> out = new HashMap<>(entries.size() * 2);
        Set<String> keys = new HashSet<>(entries.size() * 2);
        for (Diskstats.Entry e : entries) {
            String name = e.name();
            if (NOT_A_DISK.matcher(name).matches() || isPartition(name, names)) {
                continue;
            }
            Device d;
            if (zd.contains(name)) {
                String zvol = zvols.get(name);
                if (zvol == null) {
                    continue; // its /dev/zvol link is not there yet: wait rather than show "zd16"
                }
                d = Device.zvol(zvol);
            } else {
                d = Device.disk(name);
            }
            String key = d.kind() + ":" + d.name();
            keys.add(key);
            devices.add(d);
            IoRate r = rates.update(key, name + "@" + e.major() + ":" + e.minor(), e.counters(), nanos, Diskstats.SECTOR_BYTES);
            if (r != null) {
                out.put(d, r);
            }
        }
        rates.retainOnly(keys);
        devices.sort(null);
        Sink s = sink;
        if (open && s != null) {
            s.batch(new SampleBatch(name(), wallClock.getAsLong(), devices, out));
        }
    }

    /** Re-reads /dev/zvol when zd devices appeared or vanished, or one is still unnamed. */
    private Map<String, String> zvolMapping(Set<String> zd, long nanos) {
        if (zd.isEmpty()) {
            zvolByKernelName = Map.of();
            zdAtLastMapping = zd;
            return zvolByKernelName;
        }
        boolean changed = !zd.equals(zdAtLastMapping);
        boolean unnamed = !zvolByKernelName.keySet().containsAll(zd) && nanos - lastMappingNanos > MAP_RETRY_NANOS;
        if (changed || unnamed) {
            lastMappingNanos = nanos;
            zdAtLastMapping = zd;
            try {
                CommandResult r = runner.runAllowingFailure(Command.of(ZvolLinks.findArgv()));
                zvolByKernelName = ZvolLinks.parse(r.stdout());
            } catch (CommandException e) {
                // zvols stay unnamed until the next try; physical disks keep coming
                zvolByKernelName = Map.of();
            }
        }
        return zvolByKernelName;
    }

    /** vdb1 of vdb, nvme0n1p2 of nvme0n1, zd0p1 of zd0: partitions would count the same I/O twice. */
    static boolean isPartition(String name, Set<String> all) {
        int end = name.length();
        int i = end;
        while (i > 0 && Character.isDigit(name.charAt(i - 1))) {
            i--;
        }
        if (i == end || i == 0) {
            return false;
        }
        String parent = name.substring(0, i);
        if (all.contains(parent)) {
            return true;
        }
        return parent.endsWith("p") && all.contains(parent.substring(0, parent.length() - 1));
    }

    private static boolean isUptime(String line) {
        int sp = line.indexOf(' ');
        return sp > 0 && line.indexOf('.') > 0 && line.indexOf(' ', sp + 1) < 0;
    }

    private static long uptimeNanos(String line) {
        try {
            return (long) (Double.parseDouble(line.substring(0, line.indexOf(' '))) * 1e9);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void fail(ThroughputUnavailable problem) {
        Sink s;
        synchronized (lock) {
            if (failedOnce) {
                return;
            }
            failedOnce = true;
            s = sink;
        }
        if (s != null) {
            s.failed(problem);
        }
    }
}
