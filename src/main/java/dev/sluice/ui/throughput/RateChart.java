package dev.sluice.ui.throughput;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;

/**
 * One chart of a {@link Plot}. Series are created once per layout and then updated in place:
 * points get new y values every refresh (new x values only while the window is still filling),
 * nothing is rebuilt, no symbols, no animation. The y axis is scaled by hand in binary units so
 * its ticks read 0, 2, 4, 6 MiB/s rather than 2097152.
 */
final class RateChart {
    private final ThroughputViewModel vm;
    private final Plot plot;
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final Label hover = new Label();
    private final StackPane root = new StackPane(chart, hover);
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private int unitPower;
    private double unitScale = 1;

    RateChart(ThroughputViewModel vm, Plot plot) {
        this.vm = vm;
        this.plot = plot;
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE); // points come in x order: no sort per layout
        chart.setTitle(plot.title());
        chart.getStyleClass().add("rate-chart");
        double period = vm.periodSeconds();
        xAxis.setAutoRanging(false);
        xAxis.setLowerBound(-vm.windowPoints() * period);
        xAxis.setUpperBound(0);
        xAxis.setTickUnit(Math.max(period, (vm.windowPoints() * period) / 5));
        xAxis.setMinorTickVisible(false);
        xAxis.setTickLabelFormatter(converter(RateChart::ago));
        xAxis.setAnimated(false);
        yAxis.setAutoRanging(false);
        yAxis.setLowerBound(0);
        yAxis.setAnimated(false);
        yAxis.setMinorTickVisible(false);
        yAxis.setTickLabelFormatter(converter(this::yLabel));
        for (PlotLine line : plot.lines()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.name());
            series.add(s);
        }
        chart.getData().setAll(series);
        hover.getStyleClass().add("rate-chart-hover");
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        StackPane.setAlignment(hover, Pos.TOP_RIGHT);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, this::onHover);
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.setVisible(false));
        root.setMinHeight(240);
        javafx.scene.layout.VBox.setVgrow(root, javafx.scene.layout.Priority.ALWAYS);
        refresh();
    }

    StackPane root() {
        return root;
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    Plot plot() {
        return plot;
    }

    /** Copies the plot's current values into the existing points. */
    void refresh() {
        double period = vm.periodSeconds();
        double max = 0;
        for (int k = 0; k < series.size(); k++) {
            PlotLine line = plot.lines().get(k);
            ObservableList<XYChart.Data<Number, Number>> data = series.get(k).getData();
            int n = line.size();
            if (data.size() > n) {
                data.remove(n, data.size());
            } else if (data.size() < n) {
                List<XYChart.Data<Number, Number>> more = new ArrayList<>(n - data.size());
                for (int i = data.size(); i < n; i++) {
                    more.add(new XYChart.Data<>(0.0, 0.0));
                }
                data.addAll(more);
            }
            for (int i = 0; i < n; i++) {
                XYChart.Data<Number, Number> d = data.get(i);
                double x = -(n - 1 - i) * period;
                if (d.getXValue().doubleValue() != x) {
                    d.setXValue(x);
                }
                double y = line.value(i);
                if (d.getYValue().doubleValue() != y) {
                    d.setYValue(y);
                }
            }
            max = Math.max(max, line.max());
        }
        scaleY(max);
    }

    private void scaleY(double max) {
        boolean bytes = plot.lines().isEmpty() || plot.lines().get(0).metric().isBytes();
        unitPower = bytes ? Units.bytePower(max) : 0;
        unitScale = Math.pow(1024, unitPower);
        double scaled = Math.max(max / unitScale, bytes ? 1 : 5);
        double step = niceStep(scaled / 4);
        double upper = Math.ceil(scaled * 1.05 / step) * step;
        if (yAxis.getUpperBound() != upper * unitScale || yAxis.getTickUnit() != step * unitScale) {
            yAxis.setUpperBound(upper * unitScale);
            yAxis.setTickUnit(step * unitScale);
        }
    }

    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private String yLabel(Number v) {
        boolean bytes = plot.lines().isEmpty() || plot.lines().get(0).metric().isBytes();
        double scaled = v.doubleValue() / unitScale;
        return Units.number(scaled) + " " + (bytes ? Units.byteUnit(unitPower) : "IOPS");
    }

    private static String ago(Number seconds) {
        long s = Math.round(-seconds.doubleValue());
        return s == 0 ? "0" : String.format("-%d:%02d", s / 60, s % 60);
    }

    private void onHover(MouseEvent e) {
        Point2D p = xAxis.sceneToLocal(e.getSceneX(), e.getSceneY());
        double x = xAxis.getValueForDisplay(p.getX()).doubleValue();
        if (x > 0 || x < xAxis.getLowerBound()) {
            hover.setVisible(false);
            return;
        }
        int ago = (int) Math.round(-x / vm.periodSeconds());
        String text = vm.hoverText(plot, ago);
        hover.setText(text);
        hover.setVisible(!text.isEmpty());
    }

    private static StringConverter<Number> converter(java.util.function.Function<Number, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return f.apply(n);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
