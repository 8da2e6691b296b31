package dev.sluice.ui.throughput;

import dev.sluice.metrics.Device;
import dev.sluice.metrics.Metric;

/** One line of a chart: one metric of one device's {@link DeviceBuffer}. Index 0 is the oldest sample shown. */
public final class PlotLine {
    private final Device device;
    private final Metric metric;
    private final String name;
    private final DeviceBuffer buffer;

    PlotLine(Device device, Metric metric, String name, DeviceBuffer buffer) {
        this.device = device;
        this.metric = metric;
        this.name = name;
        this.buffer = buffer;
    }

    public Device device() {
        return device;
    }

    public Metric metric() {
        return metric;
    }

    /** The legend text: "tank/vm read". */
    public String name() {
        return name;
    }

    public int size() {
        return buffer.size;
    }

    public int capacity() {
        return buffer.times.length;
    }

    public double value(int i) {
        return buffer.values[metric.ordinal()][i];
    }

    public long time(int i) {
        return buffer.times[i];
    }

    public double max() {
        double[] v = buffer.values[metric.ordinal()];
        double m = 0;
        for (int i = 0; i < buffer.size; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }
}
