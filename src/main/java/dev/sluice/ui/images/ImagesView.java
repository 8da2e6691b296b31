package dev.sluice.ui.images;

import dev.sluice.guest.GuestHosts;
import dev.sluice.host.CommandRunner;
import dev.sluice.qemu.LibraryImage;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.ToastNotifications;
import dev.sluice.ui.common.ViewLoader;
import dev.sluice.ui.common.dialogs.Confirm;
import dev.sluice.ui.common.dialogs.NameAndSizeDialog;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;

/**
 * The Images view: library folders on the left, their images with qemu-img's info on the right,
 * the image actions in the tool bar and a context menu, and a progress strip (percent, speed,
 * ETA, Cancel) while a copy runs. Keys: F5 refresh, Ctrl+N create, Ctrl+R resize,
 * Ctrl+Shift+C convert, Ctrl+I import into zvol, Ctrl+E export zvol, Esc cancel a copy.
 */
public final class ImagesView implements FeatureView {
    static final KeyCombination CREATE = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RESIZE = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination CONVERT = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination IMPORT = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);

    private final ImagesViewModel vm;
    private Parent root;

    @FXML private Button refreshButton;
    @FXML private Button createButton;
    @FXML private Button resizeButton;
    @FXML private Button convertButton;
    @FXML private Button importButton;
    @FXML private Button exportButton;
    @FXML private Button addFolderButton;
    @FXML private Button removeFolderButton;
    @FXML private Button cancelButton;
    @FXML private Label problemBanner;
    @FXML private Label progressLabel;
    @FXML private ProgressBar progressBar;
    @FXML private HBox progressBox;
    @FXML private ListView<String> folderList;
    @FXML private TableView<LibraryImage> table;
    @FXML private TableColumn<LibraryImage, String> nameColumn;
    @FXML private TableColumn<LibraryImage, String> formatColumn;
    @FXML private TableColumn<LibraryImage, Long> virtualColumn;
    @FXML private TableColumn<LibraryImage, Long> actualColumn;
    @FXML private TableColumn<LibraryImage, String> backingColumn;
    @FXML private TableColumn<LibraryImage, String> snapshotsColumn;
    @FXML private TableColumn<LibraryImage, LibraryImage> statusColumn;
    @FXML private TableColumn<LibraryImage, String> folderColumn;

    public ImagesView(ImagesViewModel vm) {
        this.vm = vm;
        this.root = ViewLoader.load(this, "ImagesView.fxml");
        installShortcuts();
    }

    /** The view as the app shows it: with its own toast layer, following the selected host's runner. */
    public static ImagesView forApp(ObservableValue<CommandRunner> runner, GuestHosts hosts, TaskExecutor executor) {
        StackPane layer = new StackPane();
        ToastNotifications toasts = ToastNotifications.overlay(layer);
        ImagesView v = new ImagesView(new ImagesViewModel(runner, hosts, new ActionRunner(executor, toasts)));
        layer.getChildren().add(0, v.root);
        v.root = layer;
        return v;
    }

    public ImagesViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        folderList.setItems(vm.folders());
        Label noFolders = new Label(I18n.t("images.folders.none"));
        noFolders.setWrapText(true);
        noFolders.setPadding(new javafx.geometry.Insets(8));
        folderList.setPlaceholder(noFolders);
        table.setItems(vm.images());
        table.setPlaceholder(new Label(I18n.t("images.empty")));
        text(nameColumn, LibraryImage::name);
        text(formatColumn, i -> i.info().map(x -> x.format()).orElse("?"));
        bytes(virtualColumn, i -> i.info().map(x -> x.virtualSize()).orElse(-1L));
        bytes(actualColumn, i -> i.info().map(x -> x.actualSize()).orElse(-1L));
        text(backingColumn, ImageText::backing);
        text(snapshotsColumn, ImageText::snapshots);
        text(folderColumn, LibraryImage::folder);
        statusColumn.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue()));
        statusColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LibraryImage i, boolean empty) {
                super.updateItem(i, empty);
                getStyleClass().removeAll("image-bad", "image-warn", "image-ok");
                setText(empty || i == null ? null : ImageText.status(i));
                setTooltip(empty || i == null ? null : new Tooltip(ImageText.status(i)));
                if (!empty && i != null) {
                    getStyleClass().add(ImageText.styleOf(i));
                }
            }
        });
        table.setRowFactory(t -> {
            TableRow<LibraryImage> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(menu()));
            return row;
        });
        // two-way by hand: the ViewModel re-selects an image after a refresh, the table follows
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProperty().set(now));
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
        });

        var sel = table.getSelectionModel().selectedItemProperty();
        var readable = Bindings.createBooleanBinding(() -> sel.get() == null || sel.get().info().isEmpty(), sel);
        resizeButton.disableProperty().bind(readable.or(vm.busyProperty()));
        convertButton.disableProperty().bind(readable.or(vm.busyProperty()));
        importButton.disableProperty().bind(readable.or(vm.busyProperty()));
        createButton.disableProperty().bind(Bindings.isEmpty(vm.folders()).or(vm.busyProperty()));
        exportButton.disableProperty().bind(Bindings.isEmpty(vm.zvols()).or(Bindings.isEmpty(vm.folders())).or(vm.busyProperty()));
        removeFolderButton.disableProperty().bind(folderList.getSelectionModel().selectedItemProperty().isNull());
        tip(createButton, "images.action.create.tip", CREATE);
        tip(resizeButton, "images.action.resize.tip", RESIZE);
        tip(convertButton, "images.action.convert.tip", CONVERT);
        tip(importButton, "images.action.importZvol.tip", IMPORT);
        tip(exportButton, "images.action.exportZvol.tip", EXPORT);
        tip(refreshButton, "images.action.refresh.tip", REFRESH);

        problemBanner.textProperty().bind(vm.problemProperty());
        problemBanner.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problemBanner.managedProperty().bind(problemBanner.visibleProperty());
        progressLabel.textProperty().bind(vm.progressTextProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBox.visibleProperty().bind(vm.progressTextProperty().isNotEmpty());
        progressBox.managedProperty().bind(progressBox.visibleProperty());
        cancelButton.visibleProperty().bind(vm.copyingProperty());
    }

    private void installShortcuts() {
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Runnable r = REFRESH.match(e) ? this::onRefresh
                    : CREATE.match(e) && !createButton.isDisabled() ? this::onCreate
                    : RESIZE.match(e) && !resizeButton.isDisabled() ? this::onResize
                    : CONVERT.match(e) && !convertButton.isDisabled() ? this::onConvert
                    : IMPORT.match(e) && !importButton.isDisabled() ? this::onImport
                    : EXPORT.match(e) && !exportButton.isDisabled() ? this::onExport
                    : e.getCode() == KeyCode.ESCAPE && vm.copyingProperty().get() ? this::onCancel : null;
            if (r != null) {
                e.consume();
                r.run();
            }
        });
    }

    private ContextMenu menu() {
        ContextMenu m = new ContextMenu();
        m.getItems().addAll(item("images.action.resize", RESIZE, this::onResize, resizeButton),
                item("images.action.convert", CONVERT, this::onConvert, convertButton),
                item("images.action.importZvol", IMPORT, this::onImport, importButton));
        return m;
    }

    private static MenuItem item(String key, KeyCombination k, Runnable r, Button mirror) {
        MenuItem i = new MenuItem(I18n.t(key));
        i.setAccelerator(k);
        i.disableProperty().bind(mirror.disableProperty());
        i.setOnAction(e -> r.run());
        return i;
    }

    private static void tip(Button b, String key, KeyCombination k) {
        b.setTooltip(new Tooltip(I18n.t(key) + "  (" + k.getDisplayText() + ")"));
    }

    private static void text(TableColumn<LibraryImage, String> c, Function<LibraryImage, String> f) {
        c.setCellValueFactory(p -> new ReadOnlyStringWrapper(f.apply(p.getValue())));
    }

    /** Sorted by bytes, shown 1024-based. */
    private static void bytes(TableColumn<LibraryImage, Long> c, Function<LibraryImage, Long> f) {
        c.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(f.apply(p.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : Sizes.human(v));
            }
        });
    }

    private Window owner() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    void onRefresh() {
        vm.refresh();
    }

    @Override
    public void refresh() {
        vm.refresh();
    }

    @FXML
    void onAddFolder() {
        TextInputDialog d = new TextInputDialog("/srv/images");
        d.initOwner(owner());
        d.setTitle(I18n.t("images.folder.add"));
        d.setHeaderText(I18n.t("images.folder.addHeader"));
        d.getEditor().setId("folderPath");
        d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).disableProperty().bind(
                Bindings.createBooleanBinding(() -> !vm.checkFolder(d.getEditor().getText()).ok(), d.getEditor().textProperty()));
        d.showAndWait().ifPresent(vm::addFolder);
    }

    @FXML
    void onRemoveFolder() {
        String f = folderList.getSelectionModel().getSelectedItem();
        if (f != null) {
            vm.removeFolder(f);
        }
    }

    @FXML
    void onCreate() {
        ImageDialogs.create(owner(), vm.folders(), folderList.getSelectionModel().getSelectedItem(), vm)
                .ifPresent(c -> Confirm.thenRun(owner(), vm.prepareCreate(c.folder(), c.name(), c.format(), c.size(), c.prealloc(), c.replace()), vm::run));
    }

    @FXML
    void onResize() {
        LibraryImage i = vm.selectedProperty().get();
        if (i == null || i.info().isEmpty()) {
            return;
        }
        NameAndSizeDialog.builder(I18n.t("images.resize.title", i.name()))
                .sentence(I18n.t("images.resize.explain", Sizes.human(i.info().get().virtualSize())))
                .size(I18n.t("images.form.size"), dev.sluice.zfs.ZfsSizes.format(i.info().get().virtualSize()), vm::checkSize)
                .confirmLabel(I18n.t("images.confirm.resize")).build(owner()).ask()
                .ifPresent(r -> Confirm.thenRun(owner(), vm.prepareResize(i, r.size()), vm::run));
    }

    @FXML
    void onConvert() {
        LibraryImage i = vm.selectedProperty().get();
        if (i != null && i.info().isPresent()) {
            ImageDialogs.convert(owner(), i.name(), vm)
                    .ifPresent(c -> Confirm.thenRun(owner(), vm.prepareConvert(i, c.name(), c.format(), c.replace()), vm::run));
        }
    }

    @FXML
    void onImport() {
        LibraryImage i = vm.selectedProperty().get();
        if (i == null || i.info().isEmpty() || !vm.checkZfs()) {
            return;
        }
        String base = i.name().contains(".") ? i.name().substring(0, i.name().lastIndexOf('.')) : i.name();
        // next to the user's first zvol, never in Sluice's guard area
        String parent = vm.zvols().stream().map(z -> z.name())
                .filter(n -> !dev.sluice.ui.common.InternalDatasets.isInternal(n)).findFirst().map(ImagesView::parentOf).orElse("tank/vm");
        String suggestion = parent + "/" + base.replaceAll("[^A-Za-z0-9._-]", "-");
        NameAndSizeDialog.builder(I18n.t("images.import.title", i.name()))
                .sentence(I18n.t("images.import.explain", Sizes.human(ImagesViewModel.zvolBytesFor(i.info().get()))))
                .name(I18n.t("images.form.zvolName"), suggestion, vm::checkZvolName)
                .confirmLabel(I18n.t("images.action.import")).build(owner()).ask()
                .ifPresent(r -> vm.prepareImport(i, r.name(), a -> Confirm.thenRun(owner(), a, vm::run)));
    }

    private static String parentOf(String dataset) {
        return dataset.contains("/") ? dataset.substring(0, dataset.lastIndexOf('/')) : dataset;
    }

    @FXML
    void onExport() {
        ImageDialogs.export(owner(), vm.zvols(), vm.folders(), vm)
                .ifPresent(x -> Confirm.thenRun(owner(), vm.prepareExport(x.zvol(), x.folder(), x.name(), x.format(), x.replace()), vm::run));
    }

    @FXML
    void onCancel() {
        vm.cancel();
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.refresh();
    }
}
