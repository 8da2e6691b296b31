package dev.sluice.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a source delivers. */
final class CollectingSink implements ThroughputSource.Sink {
    final List<SampleBatch> batches = new CopyOnWriteArrayList<>();
    final List<ThroughputUnavailable> problems = new CopyOnWriteArrayList<>();

    @Override
    public void batch(SampleBatch batch) {
        batches.add(batch);
    }

    @Override
    public void failed(ThroughputUnavailable problem) {
        problems.add(problem);
    }

    SampleBatch last() {
        return batches.get(batches.size() - 1);
    }
}
