package dev.sluice.ui.throughput;

import java.util.List;

/** One chart: a title and its lines (all devices when combined, one device's read and write otherwise). */
public record Plot(String title, List<PlotLine> lines) {
}
