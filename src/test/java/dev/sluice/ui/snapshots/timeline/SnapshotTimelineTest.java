package dev.sluice.ui.snapshots.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline control under a headless robot: clicks, keys, wheel. */
@ExtendWith(ApplicationExtension.class)
class SnapshotTimelineTest {

    private static final long DAY = 86400;
    private static final long T0 = 1_700_000_000L;
    private SnapshotTimeline timeline;

    @Start
    void start(Stage stage) {
        // a dense burst of 500 snapshots a minute apart, then ten daily ones
        List<TimelineLane.Mark> marks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            marks.add(new TimelineLane.Mark("tank/vm@burst-" + i, T0 + i * 60L));
        }
        for (int i = 0; i < 10; i++) {
            marks.add(new TimelineLane.Mark("tank/vm@daily-" + i, T0 + (i + 1) * 30 * DAY));
        }
        timeline = new SnapshotTimeline();
        timeline.setData(new TimelineData(List.of(TimelineLane.of("tank/vm", marks))));
        stage.setScene(new Scene(timeline, 1000, 200));
        stage.show();
    }

    private Point2D screenPointOf(long time) {
        double y = TimelinePainter.laneTop(0) + TimelinePainter.LANE_HEIGHT / 2;
        return timeline.localToScreen(timeline.xOf(time), y);
    }

    @Test
    void clickingASnapshotSelectsIt(FxRobot robot) {
        robot.clickOn(screenPointOf(T0 + 5 * 30 * DAY), MouseButton.PRIMARY);
        assertEquals("tank/vm@daily-4", timeline.selectedKeyProperty().get());
    }

    @Test
    void clickingAClusterZoomsIntoIt(FxRobot robot) {
        double before = timeline.secondsPerPixelProperty().get();
        TimelinePainter.Hit cluster = timeline.hitAt(timeline.xOf(T0 + 250 * 60), 50);
        assertNotNull(cluster);
        assertTrue(cluster.group().isCluster());
        TimelineLane lane = timeline.getData().lanes().get(0);
        long first = lane.time(cluster.group().first());
        long last = lane.time(cluster.group().last());
        robot.clickOn(screenPointOf((first + last) / 2), MouseButton.PRIMARY);
        double after = timeline.secondsPerPixelProperty().get();
        assertTrue(after < before / 20, "zoomed from " + before + " to " + after + " s/px");
        // the cluster's snapshots now span most of the plot
        double x0 = timeline.xOf(first);
        double x1 = timeline.xOf(last);
        assertTrue(x0 >= TimelinePainter.GUTTER && x1 <= 1000 && x1 - x0 > 500, x0 + ".." + x1);
    }

    @Test
    void keysWalkTheSnapshots(FxRobot robot) {
        robot.clickOn(screenPointOf(T0 + 3 * 30 * DAY), MouseButton.PRIMARY);
        assertEquals("tank/vm@daily-2", timeline.selectedKeyProperty().get());
        robot.type(KeyCode.RIGHT);
        assertEquals("tank/vm@daily-3", timeline.selectedKeyProperty().get());
        robot.type(KeyCode.LEFT, 2);
        assertEquals("tank/vm@daily-1", timeline.selectedKeyProperty().get());
        robot.type(KeyCode.END);
        assertEquals("tank/vm@daily-9", timeline.selectedKeyProperty().get());
        robot.type(KeyCode.HOME);
        assertEquals("tank/vm@burst-0", timeline.selectedKeyProperty().get());
        // the oldest is kept in view
        double x = timeline.xOf(T0);
        assertTrue(x >= TimelinePainter.GUTTER && x <= 1000);
    }

    @Test
    void zoomingKeepsTheInstantUnderTheCursor(FxRobot robot) {
        double x = 600;
        double t = timeline.timeAt(x);
        robot.interact(() -> timeline.zoomAt(0.25, x));
        assertEquals(t, timeline.timeAt(x), 1e-3);
        robot.interact(() -> timeline.zoomAt(4, x));
        assertEquals(t, timeline.timeAt(x), 1e-3);
        robot.moveTo(timeline.localToScreen(x, 60)).press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP)
                .release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(t, timeline.timeAt(x), 1.0 * timeline.secondsPerPixelProperty().get());
    }

    @Test
    void selectingFromOutsideScrollsTheSnapshotIntoView(FxRobot robot) {
        robot.interact(() -> timeline.showRange(T0, T0 + 3600));
        robot.interact(() -> timeline.selectedKeyProperty().set("tank/vm@daily-7"));
        double x = timeline.xOf(T0 + 8 * 30 * DAY);
        assertTrue(x >= TimelinePainter.GUTTER && x <= 1000, "x=" + x);
    }
}
