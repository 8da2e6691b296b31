package dev.sluice.ui.snapshots.timeline;

import dev.sluice.ui.common.I18n;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * Snapshots on a real time axis, one lane per dataset, drawn on a single canvas (no node per snapshot)
 * so that 100,000 snapshots cost no more per frame than 100. Zoom with Ctrl+wheel, pinch, +/- or the
 * buttons (around the cursor or the selection); scroll with the wheel, by dragging or with the scrollbar.
 * Dense stretches collapse into one mark with a count; clicking it zooms in. Left/Right walk the selected
 * lane, Up/Down change lane, Home/End jump to the oldest/newest. The selection is a snapshot's full name.
 */
public class SnapshotTimeline extends Region {

    static final double MIN_SECONDS_PER_PIXEL = 0.5;
    private static final double DRAG_THRESHOLD = 4;

    private final ObjectProperty<TimelineData> data = new SimpleObjectProperty<>(this, "data", TimelineData.EMPTY);
    private final ObjectProperty<String> selectedKey = new SimpleObjectProperty<>(this, "selectedKey");
    private final ObjectProperty<TimelinePalette> palette = new SimpleObjectProperty<>(this, "palette", TimelinePalette.light());
    private final ReadOnlyDoubleWrapper viewStart = new ReadOnlyDoubleWrapper(this, "viewStart", 0);
    private final ReadOnlyDoubleWrapper secondsPerPixel = new ReadOnlyDoubleWrapper(this, "secondsPerPixel", 3600);

    private final Canvas canvas = new Canvas();
    private final ScrollBar scrollBar = new ScrollBar();
    private final HBox zoomButtons;
    private final TimelinePainter painter = new TimelinePainter();
    private TimeAxis axis = new TimeAxis(ZoneId.systemDefault(), Locale.getDefault());
    private boolean syncingScrollBar;
    private boolean fitPending = true;
    private TimelinePainter.Hit hover;
    private double hoverX;
    private double hoverY;
    private double pressX;
    private double pressViewStart;
    private boolean dragging;
    private long frames;

    public SnapshotTimeline() {
        getStyleClass().add("snapshot-timeline");
        setFocusTraversable(true);
        scrollBar.setOrientation(Orientation.HORIZONTAL);
        scrollBar.valueProperty().addListener((o, a, v) -> {
            if (!syncingScrollBar) {
                viewStart.set(v.doubleValue());
            }
        });
        zoomButtons = new HBox(2, button("−", "snapshots.timeline.zoomOut", this::zoomOut),
                button("+", "snapshots.timeline.zoomIn", this::zoomIn),
                button("⤢", "snapshots.timeline.fit", this::fit));
        zoomButtons.setAlignment(Pos.CENTER_RIGHT);
        zoomButtons.getStyleClass().add("timeline-zoom-buttons");
        getChildren().addAll(canvas, scrollBar, zoomButtons);

        data.addListener((o, a, d) -> {
            hover = null;
            // other datasets: show all of them; the same ones refreshed (a snapshot taken): keep the user's zoom
            if (a == null || a.isEmpty() || !laneNames(a).equals(laneNames(d))) {
                fitPending = true;
                requestLayout();
            }
            redraw();
        });
        selectedKey.addListener((o, a, k) -> {
            TimelineData.Position pos = data.get().find(k);
            if (pos != null) {
                ensureVisible(data.get().lanes().get(pos.lane()).time(pos.index()));
            }
            redraw();
        });
        palette.addListener(o -> redraw());
        viewStart.addListener(o -> redraw());
        secondsPerPixel.addListener(o -> redraw());

        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hoverAt);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> setHover(null, 0, 0));
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAt(1 / e.getZoomFactor(), e.getX());
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    private static List<String> laneNames(TimelineData d) {
        return d.lanes().stream().map(TimelineLane::name).toList();
    }

    private Button button(String text, String tooltipKey, Runnable action) {
        Button b = new Button(text);
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip(I18n.t(tooltipKey)));
        b.getStyleClass().addAll("flat", "small");
        b.setOnAction(e -> action.run());
        return b;
    }

    // ---- properties ----

    public ObjectProperty<TimelineData> dataProperty() {
        return data;
    }

    /** What the timeline says while it has nothing to show (by default: take a snapshot). */
    public void setEmptyText(String text) {
        painter.setEmptyText(text);
        redraw();
    }

    public void setData(TimelineData d) {
        data.set(d == null ? TimelineData.EMPTY : d);
    }

    public TimelineData getData() {
        return data.get();
    }

    /** The selected snapshot's full name ({@code pool/ds@name}), or null. */
    public ObjectProperty<String> selectedKeyProperty() {
        return selectedKey;
    }

    public ObjectProperty<TimelinePalette> paletteProperty() {
        return palette;
    }

    public ReadOnlyDoubleProperty viewStartProperty() {
        return viewStart.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty secondsPerPixelProperty() {
        return secondsPerPixel.getReadOnlyProperty();
    }

    public void setTimeZone(ZoneId zone) {
        axis = new TimeAxis(zone, Locale.getDefault());
        redraw();
    }

    /** Frames drawn so far (for the benchmark). */
    public long frames() {
        return frames;
    }

    // ---- geometry ----

    private double plotWidth() {
        return Math.max(1, canvas.getWidth() - TimelinePainter.GUTTER);
    }

    double timeAt(double x) {
        return viewStart.get() + (x - TimelinePainter.GUTTER) * secondsPerPixel.get();
    }

    double xOf(double t) {
        return TimelinePainter.GUTTER + (t - viewStart.get()) / secondsPerPixel.get();
    }

    private double maxSecondsPerPixel() {
        TimelineData d = data.get();
        double span = Math.max(3600, d.last() - d.first());
        return Math.max(MIN_SECONDS_PER_PIXEL * 2, span * 4 / plotWidth());
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double barH = scrollBar.prefHeight(w);
        canvas.setWidth(Math.max(1, w));
        canvas.setHeight(Math.max(1, h - barH));
        scrollBar.resizeRelocate(TimelinePainter.GUTTER, h - barH, Math.max(0, w - TimelinePainter.GUTTER), barH);
        double bw = zoomButtons.prefWidth(-1);
        double bh = zoomButtons.prefHeight(-1);
        zoomButtons.resizeRelocate(4, h - barH - bh - 2, Math.min(bw, TimelinePainter.GUTTER - 8), bh);
        if (fitPending && w > TimelinePainter.GUTTER) {
            fitPending = false;
            fit();
        }
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        int lanes = Math.max(1, data.get().lanes().size());
        return TimelinePainter.laneTop(lanes) + 6 + zoomButtons.prefHeight(-1) + scrollBar.prefHeight(-1);
    }

    @Override
    protected double computeMinHeight(double width) {
        return TimelinePainter.laneTop(1) + scrollBar.prefHeight(-1);
    }

    // ---- view changes ----

    /** Shows everything, with a little room on both sides. */
    public void fit() {
        TimelineData d = data.get();
        double span = Math.max(3600, d.last() - d.first());
        double spp = Math.max(MIN_SECONDS_PER_PIXEL, span * 1.08 / plotWidth());
        secondsPerPixel.set(spp);
        viewStart.set(d.first() - span * 0.04 - (d.last() - d.first() < 3600 ? (3600 - (d.last() - d.first())) / 2.0 : 0));
        syncScrollBar();
    }

    public void zoomIn() {
        zoomAt(1 / 1.6, anchorX());
    }

    public void zoomOut() {
        zoomAt(1.6, anchorX());
    }

    /** Zooms by {@code factor} (below 1 = in) keeping the instant under {@code x} where it is. */
    public void zoomAt(double factor, double x) {
        double t = timeAt(x);
        double spp = Math.min(maxSecondsPerPixel(), Math.max(MIN_SECONDS_PER_PIXEL, secondsPerPixel.get() * factor));
        secondsPerPixel.set(spp);
        viewStart.set(t - (x - TimelinePainter.GUTTER) * spp);
        syncScrollBar();
    }

    /** Scrolls by {@code px} pixels (positive = later). */
    public void scrollBy(double px) {
        viewStart.set(clampStart(viewStart.get() + px * secondsPerPixel.get()));
        syncScrollBar();
    }

    /** Shows {@code [from, to]} across the plot, with a margin. */
    public void showRange(double from, double to) {
        double span = Math.max(to - from, 60);
        double spp = Math.min(maxSecondsPerPixel(), Math.max(MIN_SECONDS_PER_PIXEL, span * 1.25 / plotWidth()));
        secondsPerPixel.set(spp);
        viewStart.set((from + to) / 2 - plotWidth() * spp / 2);
        syncScrollBar();
    }

    private double anchorX() {
        TimelineData.Position pos = data.get().find(selectedKey.get());
        if (pos != null) {
            double x = xOf(data.get().lanes().get(pos.lane()).time(pos.index()));
            if (x >= TimelinePainter.GUTTER && x <= canvas.getWidth()) {
                return x;
            }
        }
        return TimelinePainter.GUTTER + plotWidth() / 2;
    }

    private void ensureVisible(double t) {
        double x = xOf(t);
        if (x < TimelinePainter.GUTTER + 12 || x > canvas.getWidth() - 12) {
            viewStart.set(t - plotWidth() * secondsPerPixel.get() / 2);
            syncScrollBar();
        }
    }

    private double[] scrollRange() {
        TimelineData d = data.get();
        double visible = plotWidth() * secondsPerPixel.get();
        double pad = Math.max(visible / 2, 1800);
        double min = d.first() - pad;
        double max = Math.max(min, d.last() + pad - visible);
        return new double[] {min, max, visible};
    }

    private double clampStart(double start) {
        double[] r = scrollRange();
        return Math.max(r[0], Math.min(r[1], start));
    }

    private void syncScrollBar() {
        double[] r = scrollRange();
        syncingScrollBar = true;
        try {
            scrollBar.setMin(r[0]);
            scrollBar.setMax(Math.max(r[1], viewStart.get()));
            scrollBar.setMin(Math.min(r[0], viewStart.get()));
            scrollBar.setVisibleAmount(r[2]);
            scrollBar.setUnitIncrement(r[2] / 20);
            scrollBar.setBlockIncrement(r[2] * 0.8);
            scrollBar.setValue(viewStart.get());
        } finally {
            syncingScrollBar = false;
        }
    }

    // ---- input ----

    private void hoverAt(MouseEvent e) {
        setHover(hitAt(e.getX(), e.getY()), e.getX(), e.getY());
    }

    private void setHover(TimelinePainter.Hit h, double x, double y) {
        boolean changed = h != hover || (h != null && (x != hoverX || y != hoverY));
        hover = h;
        hoverX = x;
        hoverY = y;
        if (changed) {
            redraw();
        }
    }

    TimelinePainter.Hit hitAt(double x, double y) {
        int lane = (int) Math.floor((y - TimelinePainter.AXIS_HEIGHT) / TimelinePainter.LANE_HEIGHT);
        if (y < TimelinePainter.AXIS_HEIGHT || lane >= data.get().lanes().size() || x < TimelinePainter.GUTTER) {
            return null;
        }
        TimelinePainter.Hit best = null;
        double bestDistance = Double.MAX_VALUE;
        for (TimelinePainter.Hit h : painter.hits()) {
            if (h.lane() == lane && x >= h.x0() && x <= h.x1()) {
                double d = Math.abs(x - (h.x0() + h.x1()) / 2);
                if (d < bestDistance) {
                    best = h;
                    bestDistance = d;
                }
            }
        }
        return best;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressViewStart = viewStart.get();
        dragging = false;
        if (e.getButton() == MouseButton.SECONDARY) {
            TimelinePainter.Hit h = hitAt(e.getX(), e.getY());
            if (h != null && !h.group().isCluster()) {
                selectedKey.set(data.get().lanes().get(h.lane()).key(h.group().first()));
            }
        }
    }

    private void dragged(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (dragging || Math.abs(e.getX() - pressX) > DRAG_THRESHOLD) {
            dragging = true;
            hover = null;
            viewStart.set(pressViewStart - (e.getX() - pressX) * secondsPerPixel.get());
            syncScrollBar();
        }
    }

    private void released(MouseEvent e) {
        if (dragging || e.getButton() != MouseButton.PRIMARY) {
            dragging = false;
            return;
        }
        TimelinePainter.Hit h = hitAt(e.getX(), e.getY());
        if (h == null) {
            return;
        }
        TimelineLane lane = data.get().lanes().get(h.lane());
        if (h.group().isCluster()) {
            showRange(lane.time(h.group().first()), lane.time(h.group().last()));
        } else {
            selectedKey.set(lane.key(h.group().first()));
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            zoomAt(Math.pow(1.0025, -e.getDeltaY()), e.getX());
        } else {
            double delta = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            scrollBy(-delta);
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        switch (e.getCode()) {
            case LEFT -> step(-1);
            case RIGHT -> step(1);
            case HOME -> jump(true);
            case END -> jump(false);
            case UP -> changeLane(-1);
            case DOWN -> changeLane(1);
            case PLUS, ADD, EQUALS -> zoomIn();
            case MINUS, SUBTRACT -> zoomOut();
            case DIGIT0, NUMPAD0 -> fit();
            default -> {
                return;
            }
        }
        e.consume();
    }

    private int currentLane() {
        TimelineData.Position pos = data.get().find(selectedKey.get());
        return pos == null ? 0 : pos.lane();
    }

    /** Selects the previous ({@code -1}) or next ({@code +1}) snapshot in the selected lane. */
    public void step(int direction) {
        List<TimelineLane> lanes = data.get().lanes();
        if (lanes.isEmpty()) {
            return;
        }
        TimelineData.Position pos = data.get().find(selectedKey.get());
        TimelineLane lane = lanes.get(pos == null ? 0 : pos.lane());
        if (lane.isEmpty()) {
            return;
        }
        int index = pos == null
                ? Math.min(lane.size() - 1, lane.firstAtOrAfter(direction > 0 ? viewStart.get() : timeAt(canvas.getWidth())))
                : Math.max(0, Math.min(lane.size() - 1, pos.index() + direction));
        selectedKey.set(lane.key(index));
    }

    private void jump(boolean oldest) {
        List<TimelineLane> lanes = data.get().lanes();
        if (lanes.isEmpty() || lanes.get(currentLane()).isEmpty()) {
            return;
        }
        TimelineLane lane = lanes.get(currentLane());
        selectedKey.set(lane.key(oldest ? 0 : lane.size() - 1));
    }

    private void changeLane(int direction) {
        List<TimelineLane> lanes = data.get().lanes();
        TimelineData.Position pos = data.get().find(selectedKey.get());
        if (pos == null || lanes.size() < 2) {
            return;
        }
        int target = pos.lane() + direction;
        if (target < 0 || target >= lanes.size() || lanes.get(target).isEmpty()) {
            return;
        }
        TimelineLane to = lanes.get(target);
        selectedKey.set(to.key(to.nearest(lanes.get(pos.lane()).time(pos.index()))));
    }

    // ---- drawing ----

    /** Draws one frame now. Cheap: proportional to the visible width, not to the number of snapshots. */
    public void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 2 || h < 2) {
            return;
        }
        frames++;
        TimelineData d = data.get();
        painter.paint(canvas.getGraphicsContext2D(), new TimelinePainter.Frame(d, axis, palette.get(), w, h,
                viewStart.get(), secondsPerPixel.get(), d.find(selectedKey.get()), hover, hoverX, hoverY));
        if (hover != null) {
            // the groups were recomputed; keep the hover pointing at what is under the cursor now
            TimelinePainter.Hit again = hitAt(hoverX, hoverY);
            if (again == null || !again.group().equals(hover.group())) {
                hover = again;
            }
        }
    }
}
