package dev.sluice.ui.pools;

import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.ViewLoader;
import dev.sluice.ui.common.dialogs.Confirm;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Pools: one card per pool (health, capacity, fragmentation, dedup, scrub, vdev tree) or an empty
 * state that says what to do. Binds {@link PoolsViewModel}; shows the confirm dialog for scrubs.
 * F5 refreshes.
 */
public final class PoolsView implements FeatureView {
    private final PoolsViewModel vm;
    private final Parent root;
    private static final Duration SCAN_POLL = Duration.seconds(5);

    private Function<String, Node> sparklines = name -> null;
    // polls only while the view is shown and a scrub or resilver runs
    private final Timeline scanPoll = new Timeline(new KeyFrame(SCAN_POLL, e -> pollScan()));

    @FXML private Label summary;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button refreshButton;
    @FXML private ScrollPane scroller;
    @FXML private VBox cards;
    @FXML private VBox emptyState;
    @FXML private Label emptyTitle;
    @FXML private Label emptyText;
    @FXML private TextField emptyCommand;

    public PoolsView(PoolsViewModel vm) {
        this.vm = vm;
        this.root = ViewLoader.load(this, "PoolsView.fxml");
        root.setId("poolsView");
        // on the view's own root, not the scene: keys act only while this view has focus
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    @FXML
    private void initialize() {
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        summary.textProperty().bind(vm.summaryProperty());
        emptyState.visibleProperty().bind(vm.emptyTitleProperty().isNotEmpty());
        scroller.visibleProperty().bind(emptyState.visibleProperty().not());
        emptyTitle.textProperty().bind(vm.emptyTitleProperty());
        emptyText.textProperty().bind(vm.emptyTextProperty());
        emptyCommand.textProperty().bind(vm.emptyCommandProperty());
        emptyCommand.visibleProperty().bind(vm.emptyCommandProperty().isNotEmpty());
        emptyCommand.managedProperty().bind(emptyCommand.visibleProperty());
        vm.pools().addListener((ListChangeListener<PoolItem>) c -> rebuild());
        rebuild();
    }

    /** Lets the metrics feature put a small throughput chart into each pool's card. */
    public void setSparklineFactory(Function<String, Node> factory) {
        this.sparklines = factory == null ? name -> null : factory;
        rebuild();
    }

    private void rebuild() {
        if (cards == null) {
            return;
        }
        cards.getChildren().setAll(vm.pools().stream()
                .map(p -> (Node) PoolCard.build(p, this::startScrub, this::stopScrub, sparklines))
                .toList());
    }

    private void startScrub(PoolItem item) {
        vm.startScrub(item).ifPresent(this::confirmAndRun);
    }

    private void stopScrub(PoolItem item) {
        vm.stopScrub(item).ifPresent(this::confirmAndRun);
    }

    private void confirmAndRun(ConfirmableAction action) {
        Confirm.thenRun(window(), action, vm::perform);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    @Override
    public void refresh() {
        vm.refresh();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.refresh();
        scanPoll.setCycleCount(Animation.INDEFINITE);
        scanPoll.play();
    }

    @Override
    public void hidden() {
        scanPoll.stop();
    }

    private void pollScan() {
        if (vm.anyScanRunning() && !vm.busyProperty().get()) {
            vm.refresh();
        }
    }

    private void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.F5) {
            vm.refresh();
            e.consume();
        }
    }
}
