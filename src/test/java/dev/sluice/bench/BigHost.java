package dev.sluice.bench;

import dev.sluice.host.Command;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.ZfsCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A big host for the scale benchmarks (issue #18), answering the zfs commands Sluice sends with generated
 * {@code -Hp} machine output in Sluice's own column order: 200 filesystems, 2,000 zvols and 1,000,000
 * snapshots. One zvol ({@link #HEAVY}) keeps a minutely schedule of 100,000 snapshots; the other 900,000
 * are spread evenly (about 450 each). Names carry spaces like real VirtualBox zones. Outputs are generated
 * on first use and kept (so timings measure Sluice, not the generator) until {@link #forget}.
 */
final class BigHost implements CommandRunner {

    static final int FILESYSTEMS = 200;
    static final int ZVOLS = 2_000;
    static final int SNAPSHOTS = 1_000_000;
    static final int HEAVY_COUNT = 100_000;
    /** Listings end here: 2026-12-01 00:00 UTC. */
    static final long END = 1_796_083_200L;
    static final long SPAN = 2L * 365 * 86_400;

    final List<String> filesystems = new ArrayList<>();
    final List<String> zvols = new ArrayList<>();
    final String heavy;
    private final int[] counts = new int[ZVOLS];
    private final Map<String, Integer> zvolIndex = new HashMap<>();
    private final Map<String, String> perZvol = new HashMap<>();
    private final Map<String, StringBuilder> added = new HashMap<>();
    private final Host host = Host.local(Elevation.NONE);
    private final String properties;
    private String all;
    private String datasetsOut;
    private long txg = 10_000_000;
    private int commands;

    BigHost() {
        filesystems.addAll(List.of("rpool", "tank", "rpool/guests", "tank/guests"));
        for (int i = 0; filesystems.size() < FILESYSTEMS; i++) {
            filesystems.add((i % 2 == 0 ? "tank" : "rpool") + "/guests/vm " + String.format("%03d", i) + ":zone");
        }
        List<String> guests = filesystems.subList(4, FILESYSTEMS);
        for (int z = 0; z < ZVOLS; z++) {
            String name = guests.get(z % guests.size()) + "/disk-" + z / guests.size();
            zvols.add(name);
            zvolIndex.put(name, z);
        }
        heavy = zvols.get(0);
        counts[0] = HEAVY_COUNT;
        int rest = SNAPSHOTS - HEAVY_COUNT;
        for (int z = 1; z < ZVOLS; z++) {
            counts[z] = rest / (ZVOLS - 1) + (z <= rest % (ZVOLS - 1) ? 1 : 0);
        }
        properties = resource("/fixtures/openzfs-2.3/zfs-get-Hp-all-zvol.txt");
    }


    /** Every snapshot, as {@code zfs list -Hp -t snapshot -o <SNAPSHOT_COLUMNS> -s createtxg} prints them. */
    synchronized String allSnapshots() {
        if (all == null) {
            StringBuilder b = new StringBuilder(SNAPSHOTS * 110);
            for (String z : zvols) {
                b.append(snapshotsOf(z));
            }
            all = b.toString();
        }
        return all;
    }

    synchronized String snapshotsOf(String zvol) {
        Integer z = zvolIndex.get(zvol);
        if (z == null) {
            return "";
        }
        String out = perZvol.get(zvol);
        if (out == null) {
            out = generate(z);
            perZvol.put(zvol, out);
        }
        StringBuilder more = added.get(zvol);
        return more == null ? out : out + more;
    }

    /** "zfs snapshot" happened elsewhere: one more, newest snapshot on {@code zvol}. Returns its full name. */
    synchronized String addSnapshot(String zvol) {
        String name = zvol + "@sluice-added-" + (++txg);
        String line = name + '\t' + Long.toUnsignedString(new Random(txg).nextLong()) + '\t' + txg + '\t' + (END + txg % 1000)
                + "\t0\t8495104\t0\t-\t0\n";
        added.computeIfAbsent(zvol, k -> new StringBuilder()).append(line);
        if (all != null) {
            all = all + line;
        }
        return name;
    }

    /** Drops the generated outputs (they are the fake host's, not Sluice's, memory). */
    synchronized void forget() {
        perZvol.clear();
        all = null;
        datasetsOut = null;
    }

    int commands() {
        return commands;
    }

    private String generate(int z) {
        String ds = zvols.get(z);
        int n = counts[z];
        Random rnd = new Random(z);
        StringBuilder b = new StringBuilder(n * 110);
        long step = SPAN / n;
        for (int k = 0; k < n; k++) {
            long t = END - (long) (n - k) * step + z % 60;
            LocalDateTime at = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
            b.append(ds).append(n >= 10_000 ? "@zfs-auto-snap_frequent-" : "@zfs-auto-snap_hourly-");
            b.append(at.getYear()).append('-');
            two(b, at.getMonthValue()).append('-');
            two(b, at.getDayOfMonth()).append('-');
            two(b, at.getHour());
            two(b, at.getMinute());
            b.append('\t').append(Long.toUnsignedString(rnd.nextLong()))
                    .append('\t').append((t - (END - SPAN)) / 5 + 1000)
                    .append('\t').append(t)
                    .append('\t').append(rnd.nextInt(1 << 24))
                    .append('\t').append(rnd.nextLong() & 0xFFFFFFFFFL)
                    .append('\t').append(rnd.nextInt(1 << 26))
                    .append('\t').append(k % 997 == 0 ? ds + "-clone-" + k : "-")
                    .append('\t').append(k % 501 == 0 ? 1 : 0)
                    .append('\n');
        }
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return (v < 10 ? b.append('0') : b).append(v);
    }

    /** {@code zfs list -Hp -t filesystem,volume -o <DATASET_COLUMNS>}. */
    synchronized String datasets() {
        if (datasetsOut == null) {
            StringBuilder b = new StringBuilder();
            Random rnd = new Random(7);
            List<String> names = new ArrayList<>(filesystems);
            names.addAll(zvols);
            names.sort(null);
            for (String name : names) {
                boolean volume = zvolIndex.containsKey(name);
                long used = 1L << 20 + rnd.nextInt(16);
                b.append(name).append('\t').append(volume ? "volume" : "filesystem")
                        .append('\t').append(used).append('\t').append(900L << 30).append('\t').append(used / 2)
                        .append('\t').append(volume ? (8L + rnd.nextInt(120)) << 30 : -1).append('\t')
                        .append(volume ? "16384" : "-").append("\tlz4\toff\t-\t-\t-\t")
                        .append(volume ? "-" : "/" + name).append('\t').append(volume ? "-" : "yes").append('\t')
                        .append(volume && rnd.nextBoolean() ? 0 : volume ? 1L << 34 : 0).append('\t')
                        .append(Long.toUnsignedString(rnd.nextLong())).append("\t100\t1700000000\t-\n");
            }
            datasetsOut = b.toString().replace("\t-1\t", "\t-\t");
        }
        return datasetsOut;
    }

    private String answer(Command c) throws InvalidZfsNameException {
        List<String> a = c.argv();
        if (a.equals(ZfsCommands.datasets(null).argv())) {
            return datasets();
        }
        if (a.equals(ZfsCommands.snapshots(null).argv())) {
            return allSnapshots();
        }
        if (a.size() > 3 && a.subList(0, a.size() - 1).equals(ZfsCommands.snapshots("x").argv().subList(0, a.size() - 1))) {
            return snapshotsOf(a.get(a.size() - 1));
        }
        if (a.equals(ZfsCommands.version().argv())) {
            return "zfs-2.3.4-1\nzfs-kmod-2.3.4-1\n";
        }
        if (a.size() >= 3 && a.get(0).equals("zfs") && a.get(1).equals("holds")) {
            return "";
        }
        if (a.size() >= 3 && a.get(0).equals("zfs") && a.get(1).equals("get")) {
            String name = a.get(a.size() - 1);
            return properties.replace("rpool/vboxzones/myvbox", name);
        }
        throw new IllegalStateException("BigHost has no answer for " + c.toShell());
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public RunningCommand start(Command command, OutputListener listener) {
        commands++;
        Instant now = Instant.now();
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        try {
            f.complete(new CommandResult(command, host.displayName(), 0, answer(command), "", now, Duration.ZERO, false));
        } catch (InvalidZfsNameException | RuntimeException e) {
            f.completeExceptionally(e);
        }
        return new RunningCommand() {
            @Override
            public Command command() {
                return command;
            }

            @Override
            public CompletableFuture<CommandResult> future() {
                return f;
            }

            @Override
            public void cancel() {
            }
        };
    }

    @Override
    public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
        throw new UnsupportedOperationException("no pipelines on the benchmark host");
    }

    private static String resource(String path) {
        try (InputStream in = BigHost.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
