package dev.sluice.bench;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.metrics.DiskstatsSource;
import dev.sluice.metrics.SampleBatch;
import dev.sluice.metrics.ThroughputSource;
import dev.sluice.metrics.ThroughputUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One sampling tick of a 64-disk host (192 diskstats lines with partitions): read the file, parse,
 * compute rates, hand the batch on. At 1 Hz, one core's 1 % is 10 ms per tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsSamplingBench {
    private Path file;
    private DiskstatsSource source;
    private final AtomicLong nanos = new AtomicLong();
    private Blackhole sinkHole;

    @Setup
    public void setUp(Blackhole bh) throws Exception {
        sinkHole = bh;
        file = Files.createTempFile("diskstats", ".txt");
        MetricsDiskstatsFile.write(file, 64, 1);
        source = new DiskstatsSource(new ScriptedRunner(), file, () -> nanos.addAndGet(1_000_000_000L), System::currentTimeMillis);
        source.open(new ThroughputSource.Sink() {
            @Override
            public void batch(SampleBatch batch) {
                sinkHole.consume(batch);
            }

            @Override
            public void failed(ThroughputUnavailable problem) {
                throw new AssertionError(problem);
            }
        });
    }

    @TearDown
    public void tearDown() throws Exception {
        source.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public void tick64Disks() {
        source.poll();
    }
}
