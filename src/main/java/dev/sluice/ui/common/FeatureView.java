package dev.sluice.ui.common;

import javafx.scene.Parent;

/**
 * One sidebar entry's content. The main window shows {@link #root()} and tells the view when it
 * becomes visible or hidden, so that samplers and timers run only while someone looks.
 */
public interface FeatureView {

    Parent root();

    default void shown() {
    }

    default void hidden() {
    }

    /** Reads again what the view shows (F5, or the header's Refresh): one refresh key for every view. */
    default void refresh() {
    }
}
