package dev.sluice.ui.throughput;

import dev.sluice.metrics.Metric;
import dev.sluice.metrics.RateSeries;

/**
 * What the view shows of one device: a copy of its series, refilled in place on each refresh and
 * left alone while paused, so that hover values and exports match the picture.
 */
final class DeviceBuffer {
    final long[] times;
    final double[][] values = new double[Metric.values().length][];
    int size;

    DeviceBuffer(int capacity) {
        times = new long[capacity];
        for (int m = 0; m < values.length; m++) {
            values[m] = new double[capacity];
        }
    }

    void refill(RateSeries series) {
        if (series == null) {
            size = 0;
            return;
        }
        for (Metric m : Metric.values()) {
            size = series.copy(m, values[m.ordinal()]);
        }
        series.copyTimes(times);
    }
}
