package dev.sluice.ui.snapshots.timeline;

import javafx.scene.paint.Color;

/** The timeline's colours; a canvas cannot take CSS, so the light and dark sets live here. */
public record TimelinePalette(Color background, Color laneStripe, Color grid, Color gridMajor, Color axisText,
                              Color laneText, Color mark, Color cluster, Color clusterText, Color selected,
                              Color hover, Color cardBackground, Color cardText) {

    public static TimelinePalette light() {
        return new TimelinePalette(Color.web("#ffffff"), Color.web("#f6f8fa"), Color.web("#eaeef2"),
                Color.web("#c7ced6"), Color.web("#57606a"), Color.web("#24292f"), Color.web("#0969da"),
                Color.web("#54aeff"), Color.web("#0a3069"), Color.web("#cf222e"), Color.web("#8250df"),
                Color.web("#24292f", 0.92), Color.web("#ffffff"));
    }

    public static TimelinePalette dark() {
        return new TimelinePalette(Color.web("#0d1117"), Color.web("#161b22"), Color.web("#21262d"),
                Color.web("#30363d"), Color.web("#8b949e"), Color.web("#c9d1d9"), Color.web("#58a6ff"),
                Color.web("#1f6feb"), Color.web("#ffffff"), Color.web("#ff7b72"), Color.web("#d2a8ff"),
                Color.web("#f0f6fc", 0.92), Color.web("#0d1117"));
    }
}
