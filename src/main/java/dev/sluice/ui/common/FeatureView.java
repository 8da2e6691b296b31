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
}
