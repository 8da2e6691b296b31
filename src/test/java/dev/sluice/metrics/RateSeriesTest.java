package dev.sluice.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateSeriesTest {

    @Test
    void keepsTheNewestSamplesOldestFirst() {
        RateSeries s = new RateSeries(3);
        for (int i = 1; i <= 5; i++) {
            s.append(i * 1000L, new IoRate(i, 10 * i, 0, 0));
        }
        assertEquals(3, s.size());
        assertEquals(3000L, s.time(0));
        assertEquals(5.0, s.value(Metric.READ_BPS, 2));
        double[] out = new double[3];
        assertEquals(3, s.copy(Metric.WRITE_BPS, out));
        assertArrayEquals(new double[] {30, 40, 50}, out);
        long[] times = new long[3];
        s.copyTimes(times);
        assertArrayEquals(new long[] {3000, 4000, 5000}, times);
        assertEquals(50.0, s.max(Metric.WRITE_BPS));
        assertEquals(new IoRate(5, 50, 0, 0), s.latest());
    }

    @Test
    void beforeItIsFullOnlyWhatWasAppendedCounts() {
        RateSeries s = new RateSeries(300);
        s.append(1, new IoRate(1, 2, 3, 4));
        double[] out = new double[300];
        assertEquals(1, s.copy(Metric.WRITE_IOPS, out));
        assertEquals(4.0, out[0]);
    }
}
