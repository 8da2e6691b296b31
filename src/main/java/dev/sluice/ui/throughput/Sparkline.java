package dev.sluice.ui.throughput;

import dev.sluice.metrics.Device;
import dev.sluice.metrics.Metric;
import dev.sluice.metrics.RateSeries;
import dev.sluice.metrics.ThroughputMonitor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A tiny live chart for table rows and cards (Pools, VMs): read and write of one device as two
 * lines, drawn on a Canvas so a hundred of them stay cheap. Call {@link #show} with the device's
 * series and {@link #redraw} when it changed (e.g. from a {@code ThroughputMonitor} listener).
 */
public final class Sparkline extends Region {
    private final Canvas canvas = new Canvas();
    private RateSeries series;
    private Metric first = Metric.READ_BPS;
    private Metric second = Metric.WRITE_BPS;
    private Color firstColor = Color.web("#3b82f6");
    private Color secondColor = Color.web("#f97316");
    private double[] scratch = new double[0];

    public Sparkline() {
        getStyleClass().add("sparkline");
        getChildren().add(canvas);
        setPrefSize(120, 28);
        setMinSize(40, 12);
    }

    /**
     * Keeps this sparkline on {@code device}'s live series until the returned subscription is
     * closed: call it when the row or card becomes visible and close it when it is hidden, so
     * that sampling stops when no sparkline (and no chart) is on screen.
     */
    public ThroughputMonitor.Subscription follow(ThroughputMonitor monitor, Device device) {
        return monitor.subscribe((devices, wallMillis) -> show(monitor.series(device)));
    }

    /** The series to draw and which two metrics (read and write bandwidth by default). */
    public void show(RateSeries series, Metric first, Metric second) {
        this.series = series;
        this.first = first;
        this.second = second;
        redraw();
    }

    public void show(RateSeries series) {
        show(series, Metric.READ_BPS, Metric.WRITE_BPS);
    }

    public void setColors(Color first, Color second) {
        this.firstColor = first;
        this.secondColor = second;
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    /** Draws the series as it is now. */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (series == null || series.size() < 2 || w < 2 || h < 2) {
            return;
        }
        if (scratch.length < series.capacity()) {
            scratch = new double[series.capacity()];
        }
        double max = Math.max(1e-9, Math.max(series.max(first), series.max(second)));
        line(g, first, firstColor, max, w, h);
        line(g, second, secondColor, max, w, h);
    }

    private void line(GraphicsContext g, Metric m, Color color, double max, double w, double h) {
        int n = series.copy(m, scratch);
        double dx = w / (series.capacity() - 1);
        double x0 = w - (n - 1) * dx;
        g.setStroke(color);
        g.setLineWidth(1.2);
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double x = x0 + i * dx;
            double y = h - 1 - (scratch[i] / max) * (h - 2);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
