package dev.sluice.ui.snapshots.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimelineModelTest {

    private static TimelineLane lane(long... times) {
        List<TimelineLane.Mark> marks = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            marks.add(new TimelineLane.Mark("tank/vm@s" + i, times[i]));
        }
        return TimelineLane.of("tank/vm", marks);
    }

    @Test
    void laneSortsByCreationAndAnswersRangesByBinarySearch() {
        TimelineLane l = lane(300, 100, 200, 200, 900);
        assertEquals(100, l.time(0));
        assertEquals("tank/vm@s1", l.key(0));
        assertEquals(900, l.time(4));
        assertEquals(1, l.firstAtOrAfter(150));
        assertEquals(1, l.firstAtOrAfter(200));
        assertEquals(5, l.firstAtOrAfter(901));
        assertEquals(3, l.countBetween(200, 301));
        assertEquals(0, l.nearest(0));
        assertEquals(4, l.nearest(700));
        assertEquals(3, l.nearest(310));
    }

    @Test
    void dataIndexesKeysAcrossLanes() {
        TimelineLane a = lane(10, 20);
        TimelineLane b = TimelineLane.of("tank/vm-disk1", List.of(new TimelineLane.Mark("tank/vm-disk1@x", 5)));
        TimelineData d = new TimelineData(List.of(a, b));
        assertEquals(3, d.total());
        assertEquals(5, d.first());
        assertEquals(20, d.last());
        assertEquals(new TimelineData.Position(1, 0), d.find("tank/vm-disk1@x"));
        assertEquals(new TimelineData.Position(0, 1), d.find("tank/vm@s1"));
        assertNull(d.find("tank/other@x"));
    }

    @Test
    void keysAreFoundPastEmptyLanesAndAmongManyColliding() {
        java.util.List<TimelineLane> lanes = new java.util.ArrayList<>();
        lanes.add(TimelineLane.of("empty-first", List.of()));
        for (int l = 0; l < 50; l++) {
            List<TimelineLane.Mark> marks = new java.util.ArrayList<>();
            for (int i = 0; i < l % 7; i++) {
                marks.add(new TimelineLane.Mark("ds" + l + "@" + i, 1000 + i));
            }
            lanes.add(TimelineLane.of("ds" + l, marks));
        }
        TimelineData d = new TimelineData(lanes);
        for (int l = 0; l < 50; l++) {
            for (int i = 0; i < l % 7; i++) {
                assertEquals(new TimelineData.Position(l + 1, i), d.find("ds" + l + "@" + i));
            }
        }
        // "Aa" and "BB" have the same hash code
        TimelineData same = new TimelineData(List.of(TimelineLane.of("x", List.of(new TimelineLane.Mark("Aa", 1), new TimelineLane.Mark("BB", 2)))));
        assertEquals(new TimelineData.Position(0, 1), same.find("BB"));
        assertNull(same.find("C#"));
    }

    @Test
    void clustersGroupPerBucketAndSkipEmptyStretches() {
        // ten snapshots one second apart, then one far away
        long[] t = new long[11];
        for (int i = 0; i < 10; i++) {
            t[i] = 1000 + i;
        }
        t[10] = 1_000_000;
        TimelineLane l = lane(t);
        List<Clusters.Group> groups = Clusters.of(l, 0, 2_000_000, 100);
        assertEquals(2, groups.size());
        assertEquals(new Clusters.Group(0, 10), groups.get(0));
        assertTrue(groups.get(0).isCluster());
        assertEquals(new Clusters.Group(10, 1), groups.get(1));
        // zoomed in: every snapshot its own bucket
        assertEquals(11, Clusters.of(l, 0, 2_000_000, 0.5).size());
    }

    @Test
    void clustersOf100kSnapshotsStayBoundedByTheWidth() {
        int n = 100_000;
        long[] times = new long[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            times[i] = 1_600_000_000L + i * 600L;
            keys[i] = "tank/vm@auto-" + i;
        }
        TimelineLane l = TimelineLane.ofSorted("tank/vm", times, keys);
        double spp = (times[n - 1] - times[0]) / 1200.0;
        List<Clusters.Group> groups = Clusters.of(l, times[0], times[n - 1], 26 * spp);
        assertTrue(groups.size() <= 1200 / 26 + 2, "groups: " + groups.size());
        assertEquals(n, groups.stream().mapToInt(Clusters.Group::count).sum());
    }

    @Test
    void axisTicksAdaptFromYearsToMinutes() {
        TimeAxis axis = new TimeAxis(ZoneOffset.UTC, Locale.ENGLISH);
        long start = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond();
        // ten years across 1000 px: yearly ticks
        List<TimeAxis.Tick> years = axis.ticks(start, start + 10 * 365.25 * 86400, 10 * 365.25 * 86400 / 1000, 84);
        assertEquals("2024", years.get(0).label());
        assertEquals("2025", years.get(1).label());
        // a year across 1000 px: monthly ticks, January carries the year
        List<TimeAxis.Tick> months = axis.ticks(start, start + 365 * 86400, 365 * 86400 / 1000.0, 60);
        assertEquals("Jan 2024", months.get(0).label());
        assertEquals("Feb", months.get(1).label());
        // a week: days
        List<TimeAxis.Tick> days = axis.ticks(start, start + 7 * 86400, 7 * 86400 / 1000.0, 84);
        assertEquals("Jan 1", days.get(0).label());
        assertEquals("Jan 2", days.get(1).label());
        // a day: hours, midnight labelled with the date
        List<TimeAxis.Tick> hours = axis.ticks(start, start + 86400, 86400 / 1000.0, 84);
        assertEquals("Jan 1", hours.get(0).label());
        assertTrue(hours.get(0).major());
        assertEquals("03:00", hours.get(1).label());
        // half an hour: minutes
        List<TimeAxis.Tick> minutes = axis.ticks(start + 600, start + 2400, 1800 / 1000.0, 84);
        assertEquals("00:10", minutes.get(0).label()); // 5-minute steps at 1.8 s/px
        assertTrue(minutes.size() <= 1000 / 84 + 2);
    }

    @Test
    void badgesAbbreviateLargeCounts() {
        assertEquals("999", TimelinePainter.abbreviate(999));
        assertEquals("1.5k", TimelinePainter.abbreviate(1500));
        assertEquals("100k", TimelinePainter.abbreviate(100_000));
    }
}
