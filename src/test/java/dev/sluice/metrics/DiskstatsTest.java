package dev.sluice.metrics;

import dev.sluice.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiskstatsTest {

    @Test
    void parsesEveryLineOfARealOpenZfs23Guest() {
        List<Diskstats.Entry> all = Diskstats.parse(Fixtures.read("openzfs-2.3/proc-diskstats.txt"));
        assertEquals(23, all.size());
        Diskstats.Entry vdd = all.stream().filter(e -> e.name().equals("vdd")).findFirst().orElseThrow();
        assertEquals(new Diskstats.Entry(254, 48, "vdd", 539, 25461, 13548, 484235), vdd);
        Diskstats.Entry zd0 = all.stream().filter(e -> e.name().equals("zd0")).findFirst().orElseThrow();
        assertEquals(new IoCounters(8384, 147456, 196, 72), zd0.counters());
    }

    @Test
    void parsesTheOpenZfs21Capture() {
        List<Diskstats.Entry> all = Diskstats.parse(Fixtures.read("openzfs-2.1/proc-diskstats.txt"));
        assertEquals("vda", all.get(0).name());
        assertEquals(1197, all.get(0).readsCompleted());
        assertEquals(51816, all.get(0).sectorsWritten());
    }

    @Test
    void acceptsTheFourteenEighteenAndTwentyFieldLayouts() {
        String old = "   8       0 sda 10 0 80 5 20 0 160 9 0 12 14";
        String k418 = old + " 0 0 0 0";
        String k55 = k418 + " 3 7";
        for (String line : List.of(old, k418, k55)) {
            Diskstats.Entry e = Diskstats.parseLine(line);
            assertEquals(new Diskstats.Entry(8, 0, "sda", 10, 80, 20, 160), e, line);
        }
    }

    @Test
    void skipsTruncatedAndForeignLines() {
        assertNull(Diskstats.parseLine("   8       0 sda 10 0 80"));
        assertNull(Diskstats.parseLine("12345.67 890.12"));
        assertNull(Diskstats.parseLine("   8       0 sda 10 0 80 5 20 0 x60 9 0 12 14"));
        assertEquals(1, Diskstats.parse("garbage\n 8 0 sda 1 0 8 1 1 0 8 1 0 1 1\n\n").size());
    }
}
