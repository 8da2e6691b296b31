package dev.sluice.metrics;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Pools and vdevs from one long-running {@code zpool iostat -Hpvy POOL... 1}: {@code -y} skips the
 * since-boot report, so every report is the last second's rate. Pools are named on the command
 * line so that rows can be told apart; every {@code poolCheckTicks} ticks a quick
 * {@code zpool list} notices imported or exported pools and restarts the stream.
 */
public final class ZpoolIostatSource implements ThroughputSource {
    private final CommandRunner runner;
    private final LongSupplier wallClock;
    private final int intervalSeconds;
    private final int poolCheckTicks;
    private final Object lock = new Object();

    private Sink sink;
    private RunningCommand stream;
    private Set<String> pools = Set.of();
    private volatile boolean open;
    private int ticks;
    private boolean failed;

    public ZpoolIostatSource(CommandRunner runner, LongSupplier wallClock, int intervalSeconds, int poolCheckTicks) {
        this.runner = runner;
        this.wallClock = wallClock;
        this.intervalSeconds = intervalSeconds;
        this.poolCheckTicks = poolCheckTicks;
    }

    public static ZpoolIostatSource forHost(CommandRunner runner) {
        return new ZpoolIostatSource(runner, System::currentTimeMillis, 1, 30);
    }

    static Command listPools() {
        return Command.of("zpool", "list", "-H", "-o", "name");
    }

    static Command iostat(Set<String> pools, int intervalSeconds) {
        List<String> argv = new ArrayList<>(List.of("zpool", "iostat", "-Hpvy"));
        argv.addAll(pools);
        argv.add(Integer.toString(intervalSeconds));
        return Command.of(argv).untimed();
    }

    @Override
    public String name() {
        return "zpool iostat";
    }

    @Override
    public void open(Sink sink) {
        synchronized (lock) {
            this.sink = sink;
            open = true;
            failed = false;
            ticks = 0;
        }
        restart();
    }

    @Override
    public void poll() {
        if (!open || poolCheckTicks <= 0 || ++ticks % poolCheckTicks != 0) {
            return;
        }
        Set<String> now = currentPools();
        if (now != null && !now.equals(pools)) {
            restart();
        }
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

    private void restart() {
        RunningCommand old;
        synchronized (lock) {
            old = stream;
            stream = null;
        }
        if (old != null) {
            old.cancel();
        }
        Set<String> found = currentPools();
        if (found == null || !open) {
            return;
        }
        pools = found;
        if (found.isEmpty()) {
            publish(List.of()); // honest: there are no pools, not "waiting"
            return;
        }
        ZpoolIostat parser = new ZpoolIostat(found, this::publish);
        RunningCommand s = runner.start(iostat(found, intervalSeconds), new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                parser.line(line);
            }
        });
        synchronized (lock) {
            stream = s;
        }
        s.future().whenComplete((result, error) -> {
            boolean current;
            synchronized (lock) {
                current = stream == s && open;
            }
            if (current) {
                parser.end();
                fail(ThroughputUnavailable.streamStopped("zpool iostat", runner.hostName(), "zpool iostat",
                        error != null ? error.getMessage() : result == null ? "" : "exit " + result.exitCode()
                                + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip())));
            }
        });
    }

    /** The pools now, or null when zpool cannot be asked (already reported). */
    private Set<String> currentPools() {
        try {
            CommandResult r = runner.run(listPools());
            Set<String> names = new LinkedHashSet<>();
            r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(names::add);
            return names;
        } catch (CommandException e) {
            fail(new ThroughputUnavailable("zpool iostat", e.getMessage(), e));
            return null;
        }
    }

    private void publish(List<ZpoolIostat.Row> report) {
        List<Device> devices = new ArrayList<>(report.size());
        Map<Device, IoRate> rates = new HashMap<>();
        for (ZpoolIostat.Row row : report) {
            Device d = row.device();
            if (!rates.containsKey(d)) {
                devices.add(d);
                rates.put(d, row.rate());
            }
        }
        Sink s = sink;
        if (open && s != null) {
            s.batch(new SampleBatch(name(), wallClock.getAsLong(), devices, rates));
        }
    }

    private void fail(ThroughputUnavailable problem) {
        Sink s;
        synchronized (lock) {
            if (failed) {
                return;
            }
            failed = true;
            s = sink;
        }
        if (s != null) {
            s.failed(problem);
        }
    }
}
