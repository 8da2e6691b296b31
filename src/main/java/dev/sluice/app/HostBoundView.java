package dev.sluice.app;

import dev.sluice.host.CommandRunner;
import dev.sluice.ui.common.FeatureView;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.scene.layout.StackPane;

/**
 * A feature view whose ViewModel works on one host: when the selected host changes, the inner view
 * is built again for the new host's runner (the old one is hidden first, so its samplers stop).
 */
final class HostBoundView implements FeatureView {
    private final StackPane root = new StackPane();
    private final Function<CommandRunner, FeatureView> factory;
    private FeatureView inner;
    private boolean showing;

    HostBoundView(ObservableValue<CommandRunner> runner, Function<CommandRunner, FeatureView> factory) {
        this.factory = factory;
        rebuild(runner.getValue());
        runner.addListener((obs, old, now) -> rebuild(now));
    }

    private void rebuild(CommandRunner runner) {
        if (inner != null && showing) {
            inner.hidden();
        }
        inner = runner == null ? null : factory.apply(runner);
        root.getChildren().setAll(inner == null ? new StackPane() : inner.root());
        if (inner != null && showing) {
            inner.shown();
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        showing = true;
        if (inner != null) {
            inner.shown();
        }
    }

    @Override
    public void refresh() {
        if (inner != null) {
            inner.refresh();
        }
    }

    @Override
    public void hidden() {
        showing = false;
        if (inner != null) {
            inner.hidden();
        }
    }
}
