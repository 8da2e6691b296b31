package dev.sluice.metrics;

/**
 * One device's recent rates in a fixed-size ring: primitive arrays, nothing allocated per sample,
 * the oldest sample overwritten once full. Index 0 is the oldest sample kept. Not thread-safe: the
 * monitor writes and readers read on the UI thread.
 */
public final class RateSeries {
    private final long[] times;
    private final double[][] values = new double[Metric.values().length][];
    private int next;
    private int size;

    public RateSeries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a series needs room for at least one sample");
        }
        times = new long[capacity];
        for (int m = 0; m < values.length; m++) {
            values[m] = new double[capacity];
        }
    }

    public void append(long wallMillis, IoRate rate) {
        times[next] = wallMillis;
        values[0][next] = rate.readBps();
        values[1][next] = rate.writeBps();
        values[2][next] = rate.readIops();
        values[3][next] = rate.writeIops();
        next = (next + 1) % times.length;
        if (size < times.length) {
            size++;
        }
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return times.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return (next - size + i + times.length) % times.length;
    }

    /** When sample {@code i} (0 = oldest) was taken, epoch milliseconds. */
    public long time(int i) {
        return times[slot(i)];
    }

    public double value(Metric m, int i) {
        return values[m.ordinal()][slot(i)];
    }

    public IoRate rate(int i) {
        int s = slot(i);
        return new IoRate(values[0][s], values[1][s], values[2][s], values[3][s]);
    }

    /** The newest rate, or null when there is none yet. */
    public IoRate latest() {
        return size == 0 ? null : rate(size - 1);
    }

    /** Copies the values, oldest first, into {@code dst[0..size)}; returns how many. */
    public int copy(Metric m, double[] dst) {
        double[] src = values[m.ordinal()];
        int n = Math.min(size, dst.length);
        int start = (next - n + src.length) % src.length;
        int firstPart = Math.min(n, src.length - start);
        System.arraycopy(src, start, dst, 0, firstPart);
        System.arraycopy(src, 0, dst, firstPart, n - firstPart);
        return n;
    }

    /** Copies the sample times, oldest first, into {@code dst[0..size)}; returns how many. */
    public int copyTimes(long[] dst) {
        int n = Math.min(size, dst.length);
        int start = (next - n + times.length) % times.length;
        int firstPart = Math.min(n, times.length - start);
        System.arraycopy(times, start, dst, 0, firstPart);
        System.arraycopy(times, 0, dst, firstPart, n - firstPart);
        return n;
    }

    public double max(Metric m) {
        double max = 0;
        double[] v = values[m.ordinal()];
        for (int i = 0; i < size; i++) {
            max = Math.max(max, v[slot(i)]);
        }
        return max;
    }
}
