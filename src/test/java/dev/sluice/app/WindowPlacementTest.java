package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.app.WindowPlacement.Area;
import dev.sluice.config.Settings.WindowBounds;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlacementTest {
    private static final Area LEFT = new Area(0, 0, 1920, 1080);
    private static final Area RIGHT = new Area(1920, 0, 1440, 900);

    @Test
    void firstStartIsCentred() {
        assertEquals(new Area(320, 140, 1280, 800), WindowPlacement.place(null, List.of(LEFT)));
        assertEquals(new Area(0, 0, 1024, 700), WindowPlacement.place(null, List.of(new Area(0, 0, 1024, 700))));
    }

    @Test
    void savedPlaceOnAScreenIsKept() {
        assertEquals(new Area(100, 50, 1000, 700), WindowPlacement.place(new WindowBounds(100, 50, 1000, 700, false), List.of(LEFT, RIGHT)));
        assertEquals(new Area(2000, 10, 1000, 700), WindowPlacement.place(new WindowBounds(2000, 10, 1000, 700, false), List.of(LEFT, RIGHT)));
    }

    @Test
    void windowOnAnUnpluggedMonitorComesBack() {
        assertEquals(new Area(920, 100, 1000, 700), WindowPlacement.place(new WindowBounds(2400, 100, 1000, 700, false), List.of(LEFT)));
    }

    @Test
    void tooLargeIsShrunkToTheScreen() {
        assertEquals(new Area(0, 0, 1440, 900), WindowPlacement.place(new WindowBounds(-50, -20, 3000, 2000, true), List.of(new Area(0, 0, 1440, 900))));
    }

    @Test
    void titleBarAboveTheScreenIsPulledDown() {
        assertEquals(new Area(100, 0, 1000, 700), WindowPlacement.place(new WindowBounds(100, -300, 1000, 700, false), List.of(LEFT)));
    }

    @Test
    void tinySavedSizeGrowsToTheMinimum() {
        assertEquals(new Area(10, 10, 900, 600), WindowPlacement.place(new WindowBounds(10, 10, 200, 100, false), List.of(LEFT)));
    }
}
