package dev.sluice.ui.snapshots;

import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ViewLoader;
import dev.sluice.ui.snapshots.timeline.SnapshotTimeline;
import dev.sluice.ui.snapshots.timeline.TimelinePalette;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsService;
import java.time.Clock;
import java.util.List;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The snapshot timeline view: dataset chooser, the timeline over the list, the selection's details,
 * the action bar, shortcuts and context menus. Only binds; all state and decisions are in
 * {@link SnapshotTimelineViewModel}.
 */
public final class SnapshotTimelineView implements FeatureView {

    static final KeyCombination SNAPSHOT_NOW = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination ROLLBACK = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination DESTROY = new KeyCodeCombination(KeyCode.DELETE);

    @FXML private StackPane root;
    @FXML private ComboBox<Dataset> chooser;
    @FXML private ProgressIndicator spinner;
    @FXML private TextField template;
    @FXML private Button snapshotButton;
    @FXML private Button rollbackButton;
    @FXML private Button cloneButton;
    @FXML private Button holdButton;
    @FXML private Button releaseButton;
    @FXML private Button destroyButton;
    @FXML private Label countLabel;
    @FXML private javafx.scene.layout.HBox loadingRow;
    @FXML private Label loadingLabel;
    @FXML private Label errorLabel;
    @FXML private javafx.scene.control.SplitPane split;
    @FXML private SnapshotTimeline timeline;
    @FXML private TableView<Snapshot> table;
    @FXML private TableColumn<Snapshot, String> nameColumn;
    @FXML private TableColumn<Snapshot, String> datasetColumn;
    @FXML private TableColumn<Snapshot, java.time.Instant> creationColumn;
    @FXML private TableColumn<Snapshot, Long> usedColumn;
    @FXML private TableColumn<Snapshot, Long> referencedColumn;
    @FXML private TableColumn<Snapshot, Long> writtenColumn;
    @FXML private TableColumn<Snapshot, Long> holdsColumn;
    @FXML private Label detailsTitle;
    @FXML private GridPane details;
    @FXML private VBox toasts;

    private final SnapshotTimelineViewModel vm;
    private final Parent view;
    private boolean syncingSelection;
    private boolean rowsReplaced;

    /** For the composition root: real dialogs and in-view notifications. */
    public SnapshotTimelineView(ZfsService zfs, TaskExecutor executor, ZvolUsage usage) {
        this(zfs, executor, usage, Clock.systemDefaultZone());
    }

    public SnapshotTimelineView(ZfsService zfs, TaskExecutor executor, ZvolUsage usage, Clock clock) {
        this.view = ViewLoader.load(this, "SnapshotTimelineView.fxml");
        this.vm = new SnapshotTimelineViewModel(zfs, executor, new FxSnapshotDialogs(() -> root.getScene().getWindow()),
                new ToastNotifier(toasts), usage, clock);
        bind();
        vm.loadDatasets();
    }

    public SnapshotTimelineViewModel viewModel() {
        return vm;
    }

    @Override
    public Parent root() {
        return view;
    }

    @Override
    public void shown() {
        String ua = Application.getUserAgentStylesheet();
        timeline.paletteProperty().set(ua != null && ua.toLowerCase(java.util.Locale.ROOT).contains("dark")
                ? TimelinePalette.dark() : TimelinePalette.light());
        if (vm.datasets().isEmpty()) {
            vm.loadDatasets();
        }
    }

    /** Shows several datasets together, one lane each: a VM's disks. */
    public void showTogether(List<String> datasetNames) {
        vm.show(datasetNames);
    }

    private void bind() {
        chooser.setItems(vm.datasets());
        chooser.valueProperty().bindBidirectional(vm.chosenProperty());
        chooser.setCellFactory(l -> new DatasetCell());
        chooser.setButtonCell(new DatasetCell());
        chooser.promptTextProperty().bind(Bindings.when(vm.datasetsLoadingProperty().and(Bindings.isEmpty(vm.datasets())))
                .then(I18n.t("snapshots.task.listDatasets") + "…").otherwise(I18n.t("snapshots.view.choose")));
        template.textProperty().bindBidirectional(vm.nameTemplateProperty());
        spinner.visibleProperty().bind(vm.loadingProperty().or(vm.busyProperty()));
        bindLoadingTime();

        snapshotButton.disableProperty().bind(vm.canSnapshotProperty().not());
        for (Button b : List.of(rollbackButton, cloneButton, holdButton, destroyButton)) {
            b.disableProperty().bind(vm.canActOnSelectedProperty().not());
        }
        releaseButton.disableProperty().bind(vm.canActOnSelectedProperty().not()
                .or(Bindings.createBooleanBinding(() -> vm.selectedProperty().get() == null
                        || !vm.selectedProperty().get().held(), vm.selectedProperty())));
        errorLabel.textProperty().bind(vm.loadErrorProperty());
        errorLabel.visibleProperty().bind(vm.loadErrorProperty().isNotNull());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        countLabel.textProperty().bind(Bindings.createStringBinding(
                () -> vm.shownProperty().get().isEmpty() ? "" : I18n.t("snapshots.timeline.count", vm.snapshots().size()),
                vm.snapshots(), vm.shownProperty()));

        timeline.dataProperty().bind(vm.timelineProperty());
        // the timeline takes the height its lanes need (a VM's disks get more), the list the rest
        vm.timelineProperty().addListener((o, a, d) -> fitTimelineHeight());
        split.heightProperty().addListener((o, a, h) -> fitTimelineHeight());
        timeline.selectedKeyProperty().bindBidirectional(vm.selectedNameProperty());
        SnapshotTable.configure(this);
        vm.shownProperty().addListener((o, a, shown) -> datasetColumn.setVisible(shown.size() > 1));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (!syncingSelection) {
                vm.selectedNameProperty().set(s == null ? null : s.name());
            }
        });
        vm.selectedNameProperty().addListener((o, a, name) -> selectInTable(name, true));
        vm.rows().addListener((ListChangeListener<Snapshot>) c -> {
            if (!vm.rowsChangingProperty().get()) {
                selectInTable(vm.selectedNameProperty().get(), true);
            } else if (c.next() && c.wasAdded() && c.getAddedSize() == c.getList().size()) {
                rowsReplaced = true; // a new order or listing: the selection is scrolled to; a refresh's patch stays put
            }
        });
        // a selection kept through an insert above it makes the table shift every selected index itself, a pass over
        // the rows above it (15-25 ms at row 500,000 of a whole host): it goes before the rows change, comes back after
        vm.rowsChangingProperty().addListener((o, a, changing) -> {
            if (changing) {
                syncingSelection = true;
                try {
                    table.getSelectionModel().clearSelection();
                } finally {
                    syncingSelection = false;
                }
            } else {
                selectInTable(vm.selectedNameProperty().get(), rowsReplaced);
                rowsReplaced = false;
            }
        });

        SnapshotDetailsPane detailsPane = new SnapshotDetailsPane(detailsTitle, details);
        vm.selectedProperty().addListener((o, a, s) -> detailsPane.show(s, vm.selectedHoldsProperty().get()));
        vm.selectedHoldsProperty().addListener((o, a, h) -> detailsPane.show(vm.selectedProperty().get(), h));

        ContextMenu menu = contextMenu();
        Label placeholder = new Label();
        // while listing, say so; after a failed or stopped listing the message above says what happened
        placeholder.textProperty().bind(Bindings.when(vm.loadingProperty()).then(I18n.t("snapshots.task.list") + "…")
                .otherwise(Bindings.when(vm.loadErrorProperty().isNotNull()).then("")
                        .otherwise(Bindings.when(vm.chosenProperty().isNull().and(vm.wholeHostProperty().not()))
                                .then(I18n.t("snapshots.table.choose")).otherwise(I18n.t("snapshots.table.empty")))));
        timeline.setEmptyText(placeholder.getText());
        placeholder.textProperty().addListener((o, was, now) -> timeline.setEmptyText(now));
        table.setPlaceholder(placeholder);
        table.setRowFactory(t -> {
            TableRow<Snapshot> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(menu));
            return row;
        });
        timeline.setOnContextMenuRequested(e -> {
            if (vm.selectedProperty().get() != null) {
                menu.show(timeline, e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        root.addEventHandler(KeyEvent.KEY_PRESSED, this::shortcut);
    }

    /**
     * A listing that takes more than a second says how long it has run, and can be stopped (the button, or Esc): on a
     * big host the whole host's {@code zfs list} can take minutes, and zfs prints nothing before it has read it all.
     */
    private void bindLoadingTime() {
        long[] since = {0};
        javafx.animation.Timeline tick = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(1), e -> showLoadingTime(System.nanoTime() - since[0])));
        tick.setCycleCount(javafx.animation.Animation.INDEFINITE);
        vm.loadingProperty().addListener((o, was, now) -> {
            if (now) {
                since[0] = System.nanoTime();
                tick.playFromStart();
            } else {
                tick.stop();
                loadingLabel.setText("");
            }
        });
        loadingRow.visibleProperty().bind(vm.loadingProperty().and(loadingLabel.textProperty().isNotEmpty()));
        loadingRow.managedProperty().bind(loadingRow.visibleProperty());
    }

    private void showLoadingTime(long nanos) {
        long s = nanos / 1_000_000_000L;
        String elapsed = s / 60 + ":" + (s % 60 < 10 ? "0" : "") + s % 60;
        loadingLabel.setText(vm.wholeHostProperty().get() ? I18n.t("snapshots.load.wholeHost", elapsed)
                : I18n.t("snapshots.load.running", elapsed));
    }

    private void fitTimelineHeight() {
        double total = split.getHeight();
        if (total > 0) {
            split.setDividerPositions(Math.min(0.6, Math.max(0.15, (timeline.prefHeight(-1) + 24) / total)));
        }
    }

    /** Selects {@code name}'s row; {@code scroll}: and scrolls to it (not after a refresh: the list stays where it was). */
    private void selectInTable(String name, boolean scroll) {
        Snapshot current = table.getSelectionModel().getSelectedItem();
        if (current != null && current.name().equals(name)) {
            return;
        }
        syncingSelection = true;
        try {
            if (name == null) {
                table.getSelectionModel().clearSelection();
                return;
            }
            int i = vm.rowOf(name); // a binary search: a scan of a million rows took milliseconds on the FX thread
            if (i >= 0 && i < table.getItems().size()) {
                table.getSelectionModel().clearAndSelect(i);
                if (scroll) {
                    table.scrollTo(Math.max(0, i - 3));
                }
            } else {
                table.getSelectionModel().clearSelection();
            }
        } finally {
            syncingSelection = false;
        }
    }

    private ContextMenu contextMenu() {
        MenuItem rollback = item("snapshots.view.rollback", vm::rollbackSelected);
        rollback.setAccelerator(ROLLBACK);
        MenuItem clone = item("snapshots.view.clone", vm::cloneSelected);
        MenuItem hold = item("snapshots.view.hold", vm::holdSelected);
        MenuItem release = item("snapshots.view.release", vm::releaseSelected);
        release.disableProperty().bind(releaseButton.disableProperty());
        MenuItem destroy = item("snapshots.view.destroy", vm::destroySelected);
        destroy.setAccelerator(DESTROY);
        MenuItem copy = item("snapshots.view.copyName", () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.selectedNameProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        for (MenuItem m : List.of(rollback, clone, hold, destroy, copy)) {
            m.disableProperty().bind(vm.canActOnSelectedProperty().not());
        }
        return new ContextMenu(rollback, clone, new SeparatorMenuItem(), hold, release, new SeparatorMenuItem(), destroy,
                new SeparatorMenuItem(), copy);
    }

    private static MenuItem item(String key, Runnable action) {
        MenuItem m = new MenuItem(I18n.t(key));
        m.setOnAction(e -> action.run());
        return m;
    }

    private void shortcut(KeyEvent e) {
        if (SNAPSHOT_NOW.match(e) && vm.canSnapshotProperty().get()) {
            vm.snapshotNow();
        } else if (ROLLBACK.match(e) && vm.canActOnSelectedProperty().get()) {
            vm.rollbackSelected();
        } else if (DESTROY.match(e) && vm.canActOnSelectedProperty().get() && !(e.getTarget() instanceof TextField)) {
            vm.destroySelected();
        } else if (e.getCode() == KeyCode.ESCAPE && loadingRow.isVisible()) {
            vm.cancelLoad();
        } else {
            return;
        }
        e.consume();
    }

    // ---- FXML actions ----

    @FXML
    @Override
    public void refresh() {
        vm.loadDatasets();
        vm.refresh();
    }

    @FXML
    private void cancelLoad() {
        vm.cancelLoad();
    }

    /** Every snapshot on the host, one lane per dataset (one {@code zfs list}). */
    @FXML
    private void showWholeHost() {
        vm.showHost();
    }

    @FXML
    private void snapshotNow() {
        vm.snapshotNow();
    }

    @FXML
    private void rollback() {
        vm.rollbackSelected();
    }

    @FXML
    private void cloneSnapshot() {
        vm.cloneSelected();
    }

    @FXML
    private void hold() {
        vm.holdSelected();
    }

    @FXML
    private void release() {
        vm.releaseSelected();
    }

    @FXML
    private void destroy() {
        vm.destroySelected();
    }

    // for SnapshotTable
    TableView<Snapshot> table() {
        return table;
    }

    TableColumn<Snapshot, String> nameColumn() {
        return nameColumn;
    }

    TableColumn<Snapshot, String> datasetColumn() {
        return datasetColumn;
    }

    TableColumn<Snapshot, java.time.Instant> creationColumn() {
        return creationColumn;
    }

    List<TableColumn<Snapshot, Long>> sizeColumns() {
        return List.of(usedColumn, referencedColumn, writtenColumn);
    }

    TableColumn<Snapshot, Long> holdsColumn() {
        return holdsColumn;
    }

    SnapshotTimelineViewModel vm() {
        return vm;
    }

    /** A dataset in the chooser: its name and, for volumes, "zvol". */
    private static final class DatasetCell extends ListCell<Dataset> {
        @Override
        protected void updateItem(Dataset d, boolean empty) {
            super.updateItem(d, empty);
            setText(empty || d == null ? null
                    : d.name() + (d.isVolume() ? "  · " + I18n.t("snapshots.view.zvol") : ""));
        }
    }
}
