package dev.sluice.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void humanSizesAre1024BasedWithOneDecimal() {
        assertEquals("0 B", Sizes.human(0));
        assertEquals("1023 B", Sizes.human(1023));
        assertEquals("1.0 KiB", Sizes.human(1024));
        assertEquals("318.4 MiB", Sizes.human(333_897_728));
        assertEquals("256.0 MiB", Sizes.human(268_435_456));
        assertEquals("960.0 MiB", Sizes.human(1_006_632_960));
        assertEquals("1.5 GiB", Sizes.human(1_610_612_736L));
        assertEquals("1.0 MiB", Sizes.human(1024 * 1024 - 1));
        assertEquals("2.0 PiB", Sizes.human(2L << 50));
        assertEquals("—", Sizes.human(-1));
    }
}
