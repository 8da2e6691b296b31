package dev.sluice.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RateCalculatorTest {
    private static final long SECOND = 1_000_000_000L;
    private final RateCalculator calc = new RateCalculator();

    private static IoCounters c(long rb, long wb, long ro, long wo) {
        return new IoCounters(rb, wb, ro, wo);
    }

    @Test
    void firstReadingHasNoRateThenDeltasOverElapsedTime() {
        assertNull(calc.update("d", "sda", c(1000, 2000, 10, 20), 0));
        IoRate r = calc.update("d", "sda", c(3000, 6000, 14, 40), 2 * SECOND);
        assertEquals(new IoRate(1000, 2000, 2, 10), r);
        assertEquals(new IoRate(0, 0, 0, 0), calc.update("d", "sda", c(3000, 6000, 14, 40), 3 * SECOND));
    }

    @Test
    void sectorCountersAreScaledToBytes() {
        calc.update("d", "vdb", c(0, 100, 0, 1), 0, 512);
        IoRate r = calc.update("d", "vdb", c(0, 2148, 0, 2), SECOND / 2, 512);
        assertEquals(2048 * 512 * 2.0, r.writeBps());
        assertEquals(2.0, r.writeIops());
    }

    @Test
    void counterThatGoesDownIsAResetNotANegativeSpike() {
        calc.update("vm/disk0", "vm/disk0", c(50_000_000_000L, 9_000_000_000L, 900, 800), 0);
        // the VM restarted: counters start again from zero and did a little since
        IoRate r = calc.update("vm/disk0", "vm/disk0", c(4096, 8192, 1, 2), SECOND);
        assertEquals(new IoRate(4096, 8192, 1, 2), r);
        IoRate next = calc.update("vm/disk0", "vm/disk0", c(8192, 8192, 2, 2), 2 * SECOND);
        assertEquals(new IoRate(4096, 0, 1, 0), next);
    }

    @Test
    void thirtyTwoBitCounterThatWrapsIsUnwrapped() {
        long nearTop = (1L << 32) - 100;
        calc.update("d", "sda", c(nearTop, 0, nearTop, 0), 0, 512);
        IoRate r = calc.update("d", "sda", c(28, 0, 5, 0), SECOND, 512);
        assertEquals(128 * 512.0, r.readBps());
        assertEquals(105.0, r.readIops());
        assertTrue(r.readBps() >= 0);
    }

    @Test
    void aDifferentKernelDeviceBehindTheSameNameStartsAfresh() {
        calc.update("zvol:tank/vm", "zd0@230:0", c(0, 1_000_000, 0, 10), 0);
        assertNull(calc.update("zvol:tank/vm", "zd16@230:16", c(0, 5, 0, 1), SECOND));
        assertNotNull(calc.update("zvol:tank/vm", "zd16@230:16", c(0, 10, 0, 2), 2 * SECOND));
    }

    @Test
    void deviceThatVanishesAndReappearsHasNoRateOnItsFirstReadingBack() {
        calc.update("a", "a", c(0, 0, 0, 0), 0);
        calc.update("b", "b", c(0, 0, 0, 0), 0);
        calc.retainOnly(Set.of("b"));
        assertEquals(1, calc.size());
        assertNull(calc.update("a", "a", c(10_000, 0, 3, 0), 5 * SECOND), "back after vanishing: a new baseline");
        assertEquals(new IoRate(1000, 0, 1, 0), calc.update("a", "a", c(11_000, 0, 4, 0), 6 * SECOND));
    }

    @Test
    void aReadingAtTheSameInstantGivesNoRate() {
        calc.update("d", "d", c(0, 0, 0, 0), SECOND);
        assertNull(calc.update("d", "d", c(100, 0, 1, 0), SECOND));
    }

    @Test
    void countersThatDropFarBelowAWrapAreResets() {
        assertEquals(5, RateCalculator.delta(1_000_000_000L, 5));
        assertEquals(10, RateCalculator.delta(100, 110));
        assertEquals(7, RateCalculator.delta(1L << 40, 7));
    }
}
