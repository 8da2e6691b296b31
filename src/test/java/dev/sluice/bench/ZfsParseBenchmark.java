package dev.sluice.bench;

import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsListParser;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing 100,000 lines of {@code zfs list -Hp -t snapshot -o <SNAPSHOT_COLUMNS>} (issue 3: goal
 * under 150 ms on a 2-core machine). Lines look like real ones: 40 pools/VM datasets with spaces,
 * colons and dots in names, auto-snapshot style names, 20-digit guids, some clones and holds.
 *
 * <p>Run forked (JMH's fork needs the classpath on the command line; under {@code exec:java} the
 * forked JVM cannot find {@code ForkedMain}, so use {@code -f 0} there):
 * <pre>
 * ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main ZfsParseBenchmark -prof gc
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=org.openjdk.jmh.Main -Dexec.args="ZfsParseBenchmark -f 0"
 * </pre>
 * Measured 2026-11-21 on the 2-core build machine while three QEMU/TCG guests ran (load 13-17):
 * 151 ± 40 ms/op wall (JMH, 10 iterations), 36 MB allocated per op; the parsing thread itself used
 * about 30 ms of CPU per 100,000 lines ({@link #main}), the rest was waiting for a core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ZfsParseBenchmark {
    public static final int LINES = 100_000;

    private String output;

    @Setup
    public void generate() {
        output = generate(LINES, 42);
    }

    /** {@code lines} snapshot lines in our column order, deterministic for a seed. */
    public static String generate(int lines, long seed) {
        Random rnd = new Random(seed);
        String[] datasets = new String[40];
        for (int i = 0; i < datasets.length; i++) {
            datasets[i] = (i % 2 == 0 ? "tank" : "rpool") + "/vboxzones/vm " + i + ":disk.0";
        }
        StringBuilder b = new StringBuilder(lines * 140);
        long txg = 1000;
        for (int i = 0; i < lines; i++) {
            String ds = datasets[i % datasets.length];
            txg += 1 + rnd.nextInt(3);
            long creation = 1_700_000_000L + txg * 60;
            b.append(ds).append("@zfs-auto-snap_hourly-2026-11-").append(String.format("%02d-%04d", 1 + i % 28, i % 10000))
                    .append('\t').append(Long.toUnsignedString(rnd.nextLong()))
                    .append('\t').append(txg)
                    .append('\t').append(creation)
                    .append('\t').append(rnd.nextInt(1 << 24))
                    .append('\t').append(rnd.nextLong() & 0xFFFFFFFFFL)
                    .append('\t').append(rnd.nextInt(1 << 26))
                    .append('\t').append(i % 997 == 0 ? ds + "-clone" : "-")
                    .append('\t').append(i % 501 == 0 ? 1 : 0)
                    .append('\n');
        }
        return b.toString();
    }

    @Benchmark
    public List<Snapshot> parse100kSnapshots() {
        return ZfsListParser.snapshots(output);
    }

    /**
     * Quick check without JMH, also printing the parsing thread's CPU time, which (unlike wall time)
     * stays meaningful when other processes crowd the machine.
     */
    public static void main(String[] args) {
        String out = generate(LINES, 42);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 20; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = ZfsListParser.snapshots(out).size();
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            System.out.printf("%d lines: wall %.1f ms, parser thread CPU %.1f ms%n", n, (t1 - t0) / 1e6, (c1 - c0) / 1e6);
        }
    }
}
