package dev.sluice.metrics;

/**
 * One origin of throughput samples: /proc/diskstats, a {@code zpool iostat} stream, QMP block
 * stats. The monitor opens it when someone watches and closes it when nobody does. Streamed
 * sources push batches from their reader thread; polled ones read on {@link #poll}, which the
 * monitor calls every tick on a background thread.
 */
public interface ThroughputSource {

    /** Where batches and failures go; may be called from any thread. */
    interface Sink {
        void batch(SampleBatch batch);

        void failed(ThroughputUnavailable problem);
    }

    /** Short, for messages: "disk statistics", "zpool iostat", "VM drives". */
    String name();

    /** Starts the source: a streamed source starts its one long-running command here. */
    void open(Sink sink);

    /** One tick; streamed sources ignore it. */
    default void poll() {
    }

    /** Stops the source and kills its command. Safe to call twice. */
    void close();
}
