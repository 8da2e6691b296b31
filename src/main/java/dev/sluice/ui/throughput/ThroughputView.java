package dev.sluice.ui.throughput;

import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ViewLoader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;

/**
 * The Throughput view: a grouped device picker on the left, live charts on the right. Binds to
 * {@link ThroughputViewModel} and turns its revisions into in-place chart updates; sampling runs
 * only while the view is shown.
 */
public final class ThroughputView implements FeatureView {
    private final ThroughputViewModel vm;
    private final Parent root;
    private final List<RateChart> charts = new ArrayList<>();

    @FXML
    private TreeView<Object> devicePicker;
    @FXML
    private CheckBox combinedCheck;
    @FXML
    private ChoiceBox<ThroughputViewModel.Measure> measureChoice;
    @FXML
    private ToggleButton pauseButton;
    @FXML
    private Button exportCsvButton;
    @FXML
    private Button exportPngButton;
    @FXML
    private Label problemLabel;
    @FXML
    private Label emptyLabel;
    @FXML
    private ScrollPane chartsScroll;
    @FXML
    private VBox chartsBox;

    public ThroughputView(ThroughputViewModel vm) {
        this.vm = vm;
        this.root = ViewLoader.load(this, "ThroughputView.fxml");
    }

    @FXML
    private void initialize() {
        combinedCheck.selectedProperty().bindBidirectional(vm.combinedProperty());
        measureChoice.getItems().setAll(ThroughputViewModel.Measure.values());
        measureChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(ThroughputViewModel.Measure m) {
                return m == null ? "" : I18n.t("throughput.measure." + m.name().toLowerCase());
            }

            @Override
            public ThroughputViewModel.Measure fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        measureChoice.valueProperty().bindBidirectional(vm.measureProperty());
        pauseButton.selectedProperty().bindBidirectional(vm.pausedProperty());
        pauseButton.textProperty().bind(vm.pausedProperty().map(p -> I18n.t(p ? "throughput.resume" : "throughput.pause")));
        problemLabel.textProperty().bind(vm.problemProperty());
        problemLabel.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        emptyLabel.textProperty().bind(vm.emptyMessageProperty());
        emptyLabel.visibleProperty().bind(vm.emptyProperty());
        chartsScroll.visibleProperty().bind(vm.emptyProperty().not());
        exportCsvButton.disableProperty().bind(vm.emptyProperty());
        exportPngButton.disableProperty().bind(vm.emptyProperty());
        devicePicker.setShowRoot(false);
        devicePicker.setRoot(new TreeItem<>());
        devicePicker.setCellFactory(t -> new PickerCell());
        vm.devices().addListener((javafx.collections.ListChangeListener<DeviceChoice>) c -> rebuildPicker());
        vm.layoutRevisionProperty().addListener((o, a, b) -> rebuildCharts());
        vm.revisionProperty().addListener((o, a, b) -> charts.forEach(RateChart::refresh));
        rebuildPicker();
        rebuildCharts();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.shown();
    }

    @Override
    public void hidden() {
        vm.hidden();
    }

    /** Charts shown now (for tests and the PNG export). */
    List<RateChart> charts() {
        return charts;
    }

    public void exportCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            vm.exportCsv(w);
        }
    }

    /** A picture of the charts as they are, for reports and bug tickets. */
    public void exportPng(Path file) throws IOException {
        WritableImage image = chartsBox.snapshot(new SnapshotParameters(), null);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    @FXML
    private void onExportCsv() {
        Path file = choose("throughput.csv", "CSV", "*.csv");
        if (file != null) {
            guard(() -> exportCsv(file));
        }
    }

    @FXML
    private void onExportPng() {
        Path file = choose("throughput.png", "PNG", "*.png");
        if (file != null) {
            guard(() -> exportPng(file));
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void guard(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            problemLabel.textProperty().unbind();
            problemLabel.setText(I18n.t("throughput.export.failed", e.getMessage()));
            problemLabel.visibleProperty().unbind();
            problemLabel.setVisible(true);
        }
    }

    private Path choose(String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        var f = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    private void rebuildPicker() {
        TreeItem<Object> top = devicePicker.getRoot();
        top.getChildren().clear();
        TreeItem<Object> group = null;
        DeviceChoice.Group current = null;
        for (DeviceChoice c : vm.devices()) {
            if (c.group() != current) {
                current = c.group();
                group = new TreeItem<>(current);
                group.setExpanded(true);
                top.getChildren().add(group);
            }
            group.getChildren().add(new TreeItem<>(c));
        }
    }

    private void rebuildCharts() {
        charts.clear();
        for (Plot p : vm.plots()) {
            charts.add(new RateChart(vm, p));
        }
        chartsBox.getChildren().setAll(charts.stream().map(RateChart::root).toList());
    }

    /** Group headers as bold text, devices as check boxes bound to their choice. */
    private static final class PickerCell extends TreeCell<Object> {
        private final CheckBox check = new CheckBox();
        private DeviceChoice bound;

        PickerCell() {
            check.setMnemonicParsing(false); // "vm disks_web 1", not "vm disksweb 1"
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                check.selectedProperty().unbindBidirectional(bound.selectedProperty());
                bound = null;
            }
            getStyleClass().remove("device-group");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
            } else if (item instanceof DeviceChoice c) {
                bound = c;
                check.setText(c.label());
                check.selectedProperty().bindBidirectional(c.selectedProperty());
                setText(null);
                setGraphic(check);
            } else {
                getStyleClass().add("device-group");
                setText(I18n.t("throughput.group." + item.toString().toLowerCase()));
                setGraphic(null);
            }
        }
    }
}
