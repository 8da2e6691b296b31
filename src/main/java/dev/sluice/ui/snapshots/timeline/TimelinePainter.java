package dev.sluice.ui.snapshots.timeline;

import dev.sluice.ui.common.I18n;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws one frame of the timeline onto a canvas and remembers where each mark landed, for hit tests.
 * A frame touches only what is visible: ticks (a few dozen) and bucketed groups per lane.
 */
final class TimelinePainter {

    static final double GUTTER = 160;
    static final double AXIS_HEIGHT = 26;
    static final double LANE_HEIGHT = 46;
    static final double BUCKET_PX = 26;
    static final double MARK_RADIUS = 5;
    private static final double TICK_SPACING_PX = 84;

    /** Where a group was drawn: lane, group, and its horizontal extent. */
    record Hit(int lane, Clusters.Group group, double x0, double x1) {
    }

    private final Font small = Font.font(11);
    private final Font bold = Font.font(null, FontWeight.BOLD, 11);
    private final Text measure = new Text();
    private final List<Hit> hits = new ArrayList<>();
    /** What an empty timeline says. */
    private String emptyText = I18n.t("snapshots.timeline.empty");

    List<Hit> hits() {
        return hits;
    }

    /** What the control hands the painter for one frame. */
    record Frame(TimelineData data, TimeAxis axis, TimelinePalette palette, double width, double height,
                 double viewStart, double secondsPerPixel, TimelineData.Position selected, Hit hover,
                 double hoverX, double hoverY) {

        double x(double t) {
            return GUTTER + (t - viewStart) / secondsPerPixel;
        }

        double viewEnd() {
            return viewStart + (width - GUTTER) * secondsPerPixel;
        }
    }

    static double laneTop(int lane) {
        return AXIS_HEIGHT + lane * LANE_HEIGHT;
    }

    void setEmptyText(String text) {
        emptyText = text;
    }

    void paint(GraphicsContext g, Frame f) {
        hits.clear();
        TimelinePalette p = f.palette();
        g.setFill(p.background());
        g.fillRect(0, 0, f.width(), f.height());
        g.setFont(small);
        g.setTextBaseline(VPos.CENTER);
        if (f.data().isEmpty()) {
            g.setFill(p.axisText());
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(emptyText, f.width() / 2, f.height() / 2);
            return;
        }
        List<TimelineLane> lanes = f.data().lanes();
        // lanes below the canvas are not drawn: a whole host has thousands, and each costs canvas commands
        int drawn = 0;
        while (drawn < lanes.size() && laneTop(drawn) < f.height()) {
            drawn++;
        }
        for (int l = 0; l < drawn; l++) {
            if (l % 2 == 0) {
                g.setFill(p.laneStripe());
                g.fillRect(0, laneTop(l), f.width(), LANE_HEIGHT);
            }
        }
        paintAxis(g, f, lanes.size());
        for (int l = 0; l < drawn; l++) {
            paintLane(g, f, l, lanes.get(l));
        }
        paintSelection(g, f);
        if (f.hover() != null) {
            paintCard(g, f);
        }
    }

    private void paintAxis(GraphicsContext g, Frame f, int laneCount) {
        TimelinePalette p = f.palette();
        double bottom = Math.min(f.height(), laneTop(laneCount));
        g.setTextAlign(TextAlignment.LEFT);
        for (TimeAxis.Tick tick : f.axis().ticks(f.viewStart(), f.viewEnd(), f.secondsPerPixel(), TICK_SPACING_PX)) {
            double x = Math.floor(f.x(tick.epochSeconds())) + 0.5;
            g.setStroke(tick.major() ? p.gridMajor() : p.grid());
            g.setLineWidth(1);
            g.strokeLine(x, AXIS_HEIGHT - 6, x, bottom);
            g.setFill(p.axisText());
            g.setFont(tick.major() ? bold : small);
            g.fillText(tick.label(), x + 3, AXIS_HEIGHT / 2 - 1);
        }
        g.setFont(small);
        g.setStroke(p.gridMajor());
        g.strokeLine(0, AXIS_HEIGHT - 0.5, f.width(), AXIS_HEIGHT - 0.5);
        // the gutter stays readable over the grid
        g.setFill(p.background());
        g.fillRect(0, 0, GUTTER - 1, AXIS_HEIGHT - 1);
    }

    private void paintLane(GraphicsContext g, Frame f, int l, TimelineLane lane) {
        TimelinePalette p = f.palette();
        double top = laneTop(l);
        double mid = top + LANE_HEIGHT / 2;
        double bucketSeconds = BUCKET_PX * f.secondsPerPixel();
        g.save();
        g.beginPath();
        g.rect(GUTTER, top, f.width() - GUTTER, LANE_HEIGHT);
        g.clip();
        for (Clusters.Group group : Clusters.of(lane, f.viewStart() - bucketSeconds, f.viewEnd() + bucketSeconds, bucketSeconds)) {
            double x0 = f.x(lane.time(group.first()));
            double x1 = f.x(lane.time(group.last()));
            boolean hovered = f.hover() != null && f.hover().lane() == l && f.hover().group().equals(group);
            if (!group.isCluster()) {
                g.setFill(hovered ? p.hover() : p.mark());
                g.fillOval(x0 - MARK_RADIUS, mid - MARK_RADIUS, 2 * MARK_RADIUS, 2 * MARK_RADIUS);
                hits.add(new Hit(l, group, x0 - MARK_RADIUS - 2, x0 + MARK_RADIUS + 2));
                continue;
            }
            String badge = abbreviate(group.count());
            double textW = width(badge, bold);
            // a pill never leaves its bucket, so neighbouring clusters never overlap
            double w = Math.max(textW + 10, Math.min(x1 - x0 + 2 * MARK_RADIUS, BUCKET_PX - 3));
            double cx = Math.max(x0 + w / 2 - MARK_RADIUS, Math.min(x1 - w / 2 + MARK_RADIUS, (x0 + x1) / 2));
            double bucketLeft = f.x(Math.floor(lane.time(group.first()) / bucketSeconds) * bucketSeconds);
            cx = Math.max(bucketLeft + w / 2 + 1, Math.min(bucketLeft + BUCKET_PX - w / 2 - 1, cx));
            double left = cx - w / 2;
            g.setFill(hovered ? p.hover() : p.cluster());
            g.fillRoundRect(left, mid - 9, w, 18, 18, 18);
            g.setFill(p.clusterText());
            g.setFont(bold);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(badge, cx, mid);
            g.setFont(small);
            hits.add(new Hit(l, group, left, left + w));
        }
        g.restore();
        g.setFill(p.laneText());
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(bold);
        int slash = lane.name().lastIndexOf('/');
        g.fillText(elide(lane.name().substring(slash + 1), GUTTER - 16), 8, mid - 8);
        g.setFont(small);
        g.setFill(p.axisText());
        // the parent path tells lanes of equal names apart (the count is in the list's header)
        String parent = slash < 0 ? I18n.t("snapshots.timeline.count", lane.size()) : lane.name().substring(0, slash);
        g.fillText(elide(parent, GUTTER - 16), 8, mid + 9);
    }

    private void paintSelection(GraphicsContext g, Frame f) {
        TimelineData.Position s = f.selected();
        if (s == null || s.lane() >= f.data().lanes().size()) {
            return;
        }
        double x = f.x(f.data().lanes().get(s.lane()).time(s.index()));
        if (x < GUTTER || x > f.width()) {
            return;
        }
        double top = laneTop(s.lane());
        TimelinePalette p = f.palette();
        g.setStroke(p.selected());
        g.setLineWidth(2);
        g.strokeLine(x, top + 3, x, top + LANE_HEIGHT - 3);
        g.strokeOval(x - MARK_RADIUS - 3, top + LANE_HEIGHT / 2 - MARK_RADIUS - 3, 2 * MARK_RADIUS + 6, 2 * MARK_RADIUS + 6);
        g.setLineWidth(1);
    }

    private void paintCard(GraphicsContext g, Frame f) {
        Hit h = f.hover();
        TimelineLane lane = f.data().lanes().get(h.lane());
        Clusters.Group group = h.group();
        String line1;
        String line2;
        if (group.isCluster()) {
            line1 = I18n.t("snapshots.timeline.cluster", group.count());
            line2 = f.axis().full(lane.time(group.first())) + " – " + f.axis().full(lane.time(group.last()));
        } else {
            String key = lane.key(group.first());
            line1 = key.substring(key.indexOf('@') + 1);
            line2 = f.axis().full(lane.time(group.first()));
        }
        double w = Math.max(width(line1, bold), width(line2, small)) + 16;
        double hgt = 38;
        double x = Math.min(f.hoverX() + 14, f.width() - w - 4);
        double y = Math.min(f.hoverY() + 14, f.height() - hgt - 4);
        TimelinePalette p = f.palette();
        g.setFill(p.cardBackground());
        g.fillRoundRect(x, y, w, hgt, 8, 8);
        g.setFill(p.cardText());
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(bold);
        g.fillText(line1, x + 8, y + 11);
        g.setFont(small);
        g.fillText(line2, x + 8, y + 27);
    }

    private double width(String s, Font font) {
        measure.setFont(font);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private String elide(String s, double max) {
        if (width(s, bold) <= max) {
            return s;
        }
        String t = s;
        while (t.length() > 2 && width("…" + t, bold) > max) {
            t = t.substring(1);
        }
        return "…" + t;
    }

    static String abbreviate(int n) {
        if (n < 1000) {
            return Integer.toString(n);
        }
        if (n < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fk", n / 1000.0);
        }
        return (n / 1000) + "k";
    }
}
