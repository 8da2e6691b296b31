package dev.sluice.ui.volumes;

import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ViewLoader;
import dev.sluice.ui.common.dialogs.Confirm;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.dialogs.NameAndSizeDialog;
import dev.sluice.ui.common.dialogs.Passphrase;
import dev.sluice.ui.common.dialogs.PassphraseDialog;
import dev.sluice.zfs.Property;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Volumes: the dataset tree, its filter, the properties of the selection, and the actions with their
 * dialogs. Binds {@link VolumesViewModel}; decisions live there. Keys: Ctrl+N new zvol, Delete
 * destroy, F5 refresh, Ctrl+F filter (Esc in the filter clears it).
 */
public final class VolumesView implements FeatureView {
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final VolumesViewModel vm;
    private final Parent root;
    private final DatasetTree datasets = new DatasetTree();
    private boolean rebuilding;

    @FXML private TextField filterField;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button createButton;
    @FXML private Button resizeButton;
    @FXML private Button destroyButton;
    @FXML private javafx.scene.control.MenuButton keysButton;
    @FXML private javafx.scene.control.MenuItem loadKeyItem;
    @FXML private javafx.scene.control.MenuItem unloadKeyItem;
    @FXML private SplitPane split;
    @FXML private TreeTableView<DatasetRow> tree;
    @FXML private TreeTableColumn<DatasetRow, String> nameColumn;
    @FXML private TreeTableColumn<DatasetRow, String> typeColumn;
    @FXML private TreeTableColumn<DatasetRow, Number> usedColumn;
    @FXML private TreeTableColumn<DatasetRow, Number> availColumn;
    @FXML private TreeTableColumn<DatasetRow, Number> referColumn;
    @FXML private TreeTableColumn<DatasetRow, Number> volsizeColumn;
    @FXML private TreeTableColumn<DatasetRow, String> compressionColumn;
    @FXML private TreeTableColumn<DatasetRow, String> encryptionColumn;
    @FXML private TreeTableColumn<DatasetRow, String> usedByColumn;
    @FXML private Label propertiesTitle;
    @FXML private TextField propertyFilter;
    @FXML private TableView<Property> propertiesTable;
    @FXML private TableColumn<Property, String> propNameColumn;
    @FXML private TableColumn<Property, String> propValueColumn;
    @FXML private TableColumn<Property, String> propSourceColumn;
    @FXML private VBox emptyState;
    @FXML private Label emptyTitle;
    @FXML private Label emptyText;
    @FXML private TextField emptyCommand;

    public VolumesView(VolumesViewModel vm) {
        this.vm = vm;
        this.root = ViewLoader.load(this, "VolumesView.fxml");
        root.setId("volumesView");
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    @FXML
    private void initialize() {
        VolumesTable.configure(this, tree, nameColumn, typeColumn, usedColumn, availColumn, referColumn, volsizeColumn,
                compressionColumn, encryptionColumn);
        usedByColumn.setCellValueFactory(c -> c.getValue() == null || c.getValue().getValue() == null
                ? new ReadOnlyStringWrapper("") : Bindings.stringValueAt(vm.usedBy(), c.getValue().getValue().name()));
        tree.setRoot(datasets.root());
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!rebuilding) {
                vm.selectedProperty().set(now == null ? null : now.getValue());
            }
        });
        vm.visibleRows().addListener((ListChangeListener<DatasetRow>) c -> showRows());
        // the ViewModel may select too (after a refresh, or a caller choosing a dataset): follow it
        vm.selectedProperty().addListener((o, was, now) -> {
            if (!rebuilding) {
                selectInTree(now);
            }
        });
        showRows();

        filterField.textProperty().bindBidirectional(vm.filterProperty());
        filterField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                filterField.clear();
                tree.requestFocus();
            }
        });

        FilteredList<Property> shown = new FilteredList<>(vm.properties());
        propertyFilter.textProperty().addListener((o, was, now) -> {
            String n = now == null ? "" : now.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(p -> n.isEmpty() || p.name().toLowerCase(Locale.ROOT).contains(n)
                    || p.value().toLowerCase(Locale.ROOT).contains(n));
        });
        propertiesTable.setItems(shown);
        Label noProperties = new Label(I18n.t("volumes.properties.empty"));
        noProperties.setWrapText(true);
        noProperties.setPadding(new javafx.geometry.Insets(12));
        propertiesTable.setPlaceholder(noProperties);
        propNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        propValueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(PropertyText.display(c.getValue())));
        propValueColumn.getStyleClass().add("property-value");
        propSourceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().source()));
        propertiesTitle.textProperty().bind(vm.propertiesTitleProperty());

        busyIndicator.visibleProperty().bind(vm.busyProperty());
        // while a command runs, no second action starts from the toolbar
        createButton.disableProperty().bind(vm.canCreateProperty().not().or(vm.busyProperty()));
        resizeButton.disableProperty().bind(vm.canResizeProperty().not().or(vm.busyProperty()));
        destroyButton.disableProperty().bind(vm.canDestroyProperty().not().or(vm.busyProperty()));
        loadKeyItem.disableProperty().bind(vm.canLoadKeyProperty().not().or(vm.busyProperty()));
        unloadKeyItem.disableProperty().bind(vm.canUnloadKeyProperty().not().or(vm.busyProperty()));
        keysButton.disableProperty().bind(loadKeyItem.disableProperty().and(unloadKeyItem.disableProperty()));

        emptyState.visibleProperty().bind(vm.emptyTitleProperty().isNotEmpty());
        split.visibleProperty().bind(emptyState.visibleProperty().not());
        emptyTitle.textProperty().bind(vm.emptyTitleProperty());
        emptyText.textProperty().bind(vm.emptyTextProperty());
        emptyCommand.textProperty().bind(vm.emptyCommandProperty());
        emptyCommand.visibleProperty().bind(vm.emptyCommandProperty().isNotEmpty());
        emptyCommand.managedProperty().bind(emptyCommand.visibleProperty());
    }

    /** Shows the visible rows in the tree (items kept, only changed children lists touched); keeps the selection. */
    private void showRows() {
        rebuilding = true;
        try {
            // with no selection the tree's selection model has no indices to shift at each changed children list
            tree.getSelectionModel().clearSelection();
            datasets.show(vm.rows(), vm.visibleRows(), tree.getSortOrder().isEmpty() ? null : tree.getComparator());
            selectInTree(vm.selectedProperty().get());
        } finally {
            rebuilding = false;
        }
    }

    private void selectInTree(DatasetRow row) {
        TreeItem<DatasetRow> item = row == null ? null : datasets.shownItem(row.name());
        if (item == null) {
            tree.getSelectionModel().clearSelection();
        } else if (tree.getSelectionModel().getSelectedItem() != item) {
            tree.getSelectionModel().select(item);
            tree.scrollTo(Math.max(0, tree.getRow(item) - 3));
        }
    }

    // ---- actions ---------------------------------------------------------------------------

    @FXML
    void createZvol() {
        if (!vm.canCreateProperty().get()) {
            return;
        }
        CreateZvolForm form = vm.newZvolForm();
        if (!new CreateZvolDialog(window(), form).showAndWait().orElse(false)) {
            return;
        }
        Passphrase pass = null;
        if (form.newEncryption()) {
            Optional<Passphrase> p = PassphraseDialog.ask(window(), I18n.t("volumes.passphrase.newTitle"),
                    I18n.t("volumes.passphrase.newSentence", form.fullName()), true);
            if (p.isEmpty()) {
                return;
            }
            pass = p.get();
        }
        vm.createZvol(form, pass).ifPresent(this::confirmAndRun);
    }

    @FXML
    void createDataset() {
        if (!vm.canCreateProperty().get()) {
            return;
        }
        NameAndSizeDialog.builder(I18n.t("volumes.createDataset.title"))
                .sentence(I18n.t("volumes.createDataset.intro"))
                .name(I18n.t("volumes.createDataset.name"), vm.newDatasetProposal(), vm::checkNewDataset)
                .confirmLabel(I18n.t("volumes.createDataset.next"))
                .build(window())
                .ask()
                .flatMap(r -> vm.createDataset(r.name()))
                .ifPresent(this::confirmAndRun);
    }

    @FXML
    void resize() {
        DatasetRow row = vm.selectedProperty().get();
        if (row == null || !row.isVolume()) {
            return;
        }
        NameAndSizeDialog.builder(I18n.t("volumes.resize.title", row.name()))
                .sentence(I18n.t("volumes.resize.sentence", row.name(), dev.sluice.ui.common.Sizes.human(row.dataset().volsize())))
                .size(I18n.t("volumes.resize.size"), dev.sluice.zfs.ZfsSizes.format(row.dataset().volsize()),
                        text -> vm.checkResize(row, text))
                .confirmLabel(I18n.t("volumes.resize.confirm"))
                .build(window())
                .ask()
                .flatMap(r -> vm.resize(row, r.size()))
                .ifPresent(this::confirmAndRun);
    }

    @FXML
    void destroy() {
        DatasetRow row = vm.selectedProperty().get();
        if (row != null && vm.canDestroyProperty().get()) {
            vm.prepareDestroy(row, this::confirmAndRun);
        }
    }

    @FXML
    void loadKey() {
        DatasetRow row = vm.selectedProperty().get();
        if (row == null || !row.canLoadKey()) {
            return;
        }
        PassphraseDialog.ask(window(), I18n.t("volumes.loadKey.passTitle", row.name()),
                        I18n.t("volumes.loadKey.passSentence", row.name()), false)
                .flatMap(p -> vm.loadKey(row, p))
                .ifPresent(this::confirmAndRun);
    }

    @FXML
    void unloadKey() {
        DatasetRow row = vm.selectedProperty().get();
        if (row != null && row.canUnloadKey()) {
            vm.unloadKey(row).ifPresent(this::confirmAndRun);
        }
    }

    @FXML
    @Override
    public void refresh() {
        vm.refresh();
    }

    private void confirmAndRun(ConfirmableAction action) {
        Confirm.thenRun(window(), action, vm::perform);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void onKey(KeyEvent e) {
        if (NEW.match(e)) {
            createZvol();
        } else if (FIND.match(e)) {
            filterField.requestFocus();
            filterField.selectAll();
        } else if (e.getCode() == KeyCode.F5) {
            vm.refresh();
        } else if (e.getCode() == KeyCode.DELETE && !(e.getTarget() instanceof TextField)) {
            destroy();
        } else {
            return;
        }
        e.consume();
    }

    VolumesViewModel viewModel() {
        return vm;
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.refresh();
        tree.requestFocus();
    }
}
