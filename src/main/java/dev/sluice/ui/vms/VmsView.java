package dev.sluice.ui.vms;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestState;
import dev.sluice.host.CommandRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ToastNotifications;
import dev.sluice.ui.common.ViewLoader;
import dev.sluice.ui.common.dialogs.Confirm;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The VMs view: one tree of all guests (VirtualBox and QEMU) with their disks under them, what
 * backs each disk, and the guest actions. Binds {@link VmsViewModel}; asks with the shared dialogs.
 * Keys: F5 refresh, Ctrl+Shift+S start, Ctrl+Shift+H stop, Ctrl+Shift+P power off,
 * Ctrl+Shift+A attach zvol, Ctrl+N new QEMU VM.
 */
public final class VmsView implements FeatureView {
    static final KeyCombination START = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination STOP = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination POWER_OFF = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination ATTACH = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    static final KeyCombination CREATE = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    private static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing-device");
    private static final PseudoClass GUEST = PseudoClass.getPseudoClass("guest");

    private final VmsViewModel vm;
    private final DriveSparklines sparklines;
    private Parent root;
    private final Timeline autoRefresh;

    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button powerOffButton;
    @FXML private Button attachButton;
    @FXML private Button createButton;
    @FXML private Button refreshButton;
    @FXML private Label progressLabel;
    @FXML private ProgressBar progressBar;
    @FXML private VBox banners;
    @FXML private Label problemBanner;
    @FXML private Label vboxBanner;
    @FXML private Label qemuBanner;
    @FXML private Label libvirtBanner;
    @FXML private TreeTableView<VmRow> table;
    @FXML private TreeTableColumn<VmRow, String> nameColumn;
    @FXML private TreeTableColumn<VmRow, VmRow> hypervisorColumn;
    @FXML private TreeTableColumn<VmRow, VmRow> stateColumn;
    @FXML private TreeTableColumn<VmRow, String> cpusColumn;
    @FXML private TreeTableColumn<VmRow, String> memoryColumn;
    @FXML private TreeTableColumn<VmRow, String> backingColumn;
    @FXML private TreeTableColumn<VmRow, VmRow> pathColumn;
    @FXML private TreeTableColumn<VmRow, VmRow> ioColumn;

    public VmsView(VmsViewModel vm) {
        this(vm, null);
    }

    public VmsView(VmsViewModel vm, DriveSparklines sparklines) {
        this.vm = vm;
        this.sparklines = sparklines;
        this.root = ViewLoader.load(this, "VmsView.fxml");
        installShortcuts();
        autoRefresh = new Timeline(new KeyFrame(Duration.seconds(15), e -> {
            if (!vm.busyProperty().get()) {
                vm.refresh();
            }
        }));
        autoRefresh.setCycleCount(Timeline.INDEFINITE);
    }

    /**
     * The view as the app shows it: with its own toast layer for results, following the selected
     * host's runner. {@link #viewModel()} gives access to e.g. the "Move to pool" handler.
     */
    public static VmsView forApp(ObservableValue<CommandRunner> runner, GuestHosts hosts, TaskExecutor executor) {
        return forApp(runner, hosts, executor, null, null);
    }

    /**
     * Same, with a live I/O chart per drive (the throughput feature's Sparkline) in the I/O column, and
     * {@code moveHandler} (the migration launcher) behind a disk's "Move to pool"; null offers no move.
     */
    public static VmsView forApp(ObservableValue<CommandRunner> runner, GuestHosts hosts, TaskExecutor executor,
                                 DriveSparklines sparklines, java.util.function.Consumer<dev.sluice.guest.DiskMoveRequest> moveHandler) {
        StackPane layer = new StackPane();
        ToastNotifications toasts = ToastNotifications.overlay(layer);
        VmsViewModel model = new VmsViewModel(runner, hosts, new ActionRunner(executor, toasts));
        model.moveHandlerProperty().set(moveHandler);
        VmsView v = new VmsView(model, sparklines);
        layer.getChildren().add(0, v.root);
        v.root = layer;
        return v;
    }

    public VmsViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        table.setRoot(new TreeItem<>());
        table.setPlaceholder(new Label(I18n.t("vms.empty")));
        VmCells.text(nameColumn, r -> r.isDisk() ? r.disk().slot() : r.guest().name());
        VmCells.text(cpusColumn, r -> r.isDisk() ? "" : Integer.toString(r.guest().cpus()));
        VmCells.text(memoryColumn, r -> r.isDisk() ? "" : VmCells.memory(r.guest().memoryMiB()));
        VmCells.text(backingColumn, r -> r.isDisk() ? DiskText.backing(r.disk()) : I18n.t("vms.disks", r.guest().disks().size()));
        VmCells.self(hypervisorColumn);
        hypervisorColumn.setCellFactory(c -> VmCells.cell(VmCells::hypervisorBadge));
        VmCells.self(stateColumn);
        stateColumn.setCellFactory(c -> VmCells.cell(VmCells::stateLabel));
        VmCells.self(pathColumn);
        pathColumn.setCellFactory(c -> VmCells.cell(VmCells::pathLabel));
        VmCells.self(ioColumn);
        ioColumn.setCellFactory(c -> VmCells.cell(r -> r.isDisk() && sparklines != null ? sparklines.forDrive(r.guest(), r.disk()) : null));
        ioColumn.setVisible(sparklines != null);
        table.setRowFactory(t -> row());

        vm.guests().addListener((ListChangeListener<Guest>) c -> rebuild());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            vm.selectedProperty().set(now == null || now.getValue() == null ? null : now.getValue().guest());
            vm.selectedDiskProperty().set(now == null || now.getValue() == null ? null : now.getValue().disk());
        });
        var selected = vm.selectedProperty();
        startButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().state().canStart(), selected).or(vm.busyProperty()));
        stopButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || !selected.get().state().canStop(), selected).or(vm.busyProperty()));
        powerOffButton.disableProperty().bind(stopButton.disableProperty());
        attachButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> selected.get() == null || selected.get().state() != GuestState.STOPPED
                        || selected.get().hypervisor() == dev.sluice.guest.Hypervisor.LIBVIRT, selected).or(vm.busyProperty()));
        createButton.disableProperty().bind(vm.busyProperty());
        tip(startButton, "vms.action.start.tip", START);
        tip(stopButton, "vms.action.stop.tip", STOP);
        tip(powerOffButton, "vms.action.powerOff.tip", POWER_OFF);
        tip(attachButton, "vms.action.attachZvol.tip", ATTACH);
        tip(createButton, "vms.action.newQemuVm.tip", CREATE);
        tip(refreshButton, "vms.action.refresh.tip", REFRESH);

        banner(problemBanner, vm.problemProperty(), "");
        banner(vboxBanner, vm.vboxUnavailableProperty(), "VirtualBox: ");
        banner(qemuBanner, vm.qemuUnavailableProperty(), "QEMU: ");
        banner(libvirtBanner, vm.libvirtUnavailableProperty(), "libvirt: ");
        progressLabel.textProperty().bind(vm.progressTextProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.progressTextProperty().isNotEmpty());

        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && vm.selectedProperty().get() != null && vm.selectedProperty().get().state().canStart()) {
                onStart();
                e.consume();
            }
        });
    }

    private static void banner(Label l, javafx.beans.property.StringProperty text, String prefix) {
        l.textProperty().bind(Bindings.createStringBinding(() -> text.get().isEmpty() ? "" : prefix + text.get(), text));
        l.visibleProperty().bind(text.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
    }

    private static void tip(Button b, String key, KeyCombination k) {
        b.setTooltip(new Tooltip(I18n.t(key) + "  (" + k.getDisplayText() + ")"));
    }

    private void installShortcuts() {
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Runnable r = REFRESH.match(e) ? this::onRefresh : START.match(e) && !startButton.isDisabled() ? this::onStart
                    : STOP.match(e) && !stopButton.isDisabled() ? this::onStop
                    : POWER_OFF.match(e) && !powerOffButton.isDisabled() ? this::onPowerOff
                    : ATTACH.match(e) && !attachButton.isDisabled() ? this::onAttach
                    : CREATE.match(e) && !createButton.isDisabled() ? this::onCreate : null;
            if (r != null) {
                e.consume();
                r.run();
            }
        });
    }

    private void rebuild() {
        VmRow keep = table.getSelectionModel().getSelectedItem() == null ? null : table.getSelectionModel().getSelectedItem().getValue();
        TreeItem<VmRow> rootItem = table.getRoot();
        rootItem.getChildren().clear();
        TreeItem<VmRow> again = null;
        for (Guest g : vm.guests()) {
            TreeItem<VmRow> gi = new TreeItem<>(new VmRow(g, null));
            gi.setExpanded(true);
            for (GuestDisk d : g.disks()) {
                TreeItem<VmRow> di = new TreeItem<>(new VmRow(g, d));
                gi.getChildren().add(di);
                if (keep != null && keep.isDisk() && keep.guest().id().equals(g.id()) && keep.disk().slot().equals(d.slot())) {
                    again = di;
                }
            }
            rootItem.getChildren().add(gi);
            if (keep != null && !keep.isDisk() && keep.guest().id().equals(g.id())) {
                again = gi;
            }
        }
        if (again != null) {
            table.getSelectionModel().select(again);
        }
    }

    // ---- cells -----------------------------------------------------------------------------

    private TreeTableRow<VmRow> row() {
        TreeTableRow<VmRow> row = new TreeTableRow<>() {
            @Override
            protected void updateItem(VmRow r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(MISSING, !empty && r != null && r.isDisk() && r.disk().hasProblem());
                pseudoClassStateChanged(GUEST, !empty && r != null && !r.isDisk());
                setContextMenu(empty || r == null ? null : menuFor(r));
                if (!empty && r != null && r.isDisk() && r.disk().hasProblem()) {
                    setTooltip(new Tooltip(DiskText.problem(r.disk())));
                } else {
                    setTooltip(null);
                }
            }
        };
        return row;
    }

    private ContextMenu menuFor(VmRow r) {
        ContextMenu m = new ContextMenu();
        if (r.isDisk()) {
            Menu move = new Menu(I18n.t("vms.menu.moveToPool"));
            move.setId("moveToPool");
            for (String pool : vm.movePools(r.disk())) {
                MenuItem p = new MenuItem(pool);
                p.setMnemonicParsing(false); // a pool named "vm_fast" keeps its underscore
                p.setOnAction(e -> vm.requestMove(r.guest(), r.disk(), pool));
                move.getItems().add(p);
            }
            if (r.disk().zvol().isPresent() && !vm.moveHosts().isEmpty()) {
                move.getItems().add(new javafx.scene.control.SeparatorMenuItem());
                move.getItems().addAll(dev.sluice.ui.migration.HostMovesMenu.items(vm.hostMovesProperty().get(),
                        (host, pool) -> vm.requestMoveToHost(r.guest(), r.disk(), host, pool),
                        host -> vm.requestMoveToHost(r.guest(), r.disk(), host, null)));
            }
            if (vm.zfsUnavailable() != null) {
                MenuItem why = new MenuItem(vm.zfsUnavailable()); // an empty menu would hide that ZFS failed
                why.setId("moveUnavailable");
                why.setMnemonicParsing(false);
                why.setDisable(true);
                move.getItems().add(why);
            }
            move.setDisable(move.getItems().isEmpty());
            move.setVisible(vm.moveHandlerProperty().get() != null); // a view without migrations offers no move
            MenuItem copy = new MenuItem(I18n.t("vms.menu.copyPath"));
            copy.setOnAction(e -> {
                var c = new javafx.scene.input.ClipboardContent();
                c.putString(r.disk().device() != null ? r.disk().device() : r.disk().path());
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
            });
            m.getItems().addAll(move, copy);
            return m;
        }
        m.getItems().addAll(item("vms.action.start", START, this::onStart, !r.guest().state().canStart()),
                item("vms.action.stop", STOP, this::onStop, !r.guest().state().canStop()),
                item("vms.action.powerOff", POWER_OFF, this::onPowerOff, !r.guest().state().canStop()),
                new SeparatorMenuItem(),
                item("vms.action.attachZvol", ATTACH, this::onAttach, r.guest().state() != GuestState.STOPPED),
                new SeparatorMenuItem(),
                item("common.refresh", REFRESH, this::onRefresh, false));
        return m;
    }

    private MenuItem item(String key, KeyCombination k, Runnable action, boolean disabled) {
        MenuItem i = new MenuItem(I18n.t(key));
        i.setAccelerator(k);
        i.setDisable(disabled || vm.busyProperty().get());
        i.setOnAction(e -> action.run());
        return i;
    }

    // ---- actions ---------------------------------------------------------------------------

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
    void onStart() {
        Guest g = vm.selectedProperty().get();
        if (g == null) {
            return;
        }
        vm.prepareStart(g, check -> {
            if (check.problems().isEmpty()) {
                Confirm.thenRun(owner(), check.start(), vm::run);
            } else if (PreflightDialog.show(owner(), check) && check.start() != null) {
                Confirm.thenRun(owner(), check.start(), vm::run);
            }
        });
    }

    @FXML
    void onStop() {
        Guest g = vm.selectedProperty().get();
        if (g != null) {
            Confirm.thenRun(owner(), vm.prepareStop(g), vm::run);
        }
    }

    @FXML
    void onPowerOff() {
        Guest g = vm.selectedProperty().get();
        if (g != null) {
            Confirm.thenRun(owner(), vm.preparePowerOff(g), vm::run);
        }
    }

    @FXML
    void onAttach() {
        Guest g = vm.selectedProperty().get();
        if (g == null || !vm.checkZfs()) {
            return;
        }
        AttachZvolDialog.ask(owner(), g, vm.attachableZvols(), vm.attachSlots(g))
                .ifPresent(choice -> vm.prepareAttach(g, choice.zvol(), choice.slot(), a -> Confirm.thenRun(owner(), a, vm::run)));
    }

    @FXML
    void onCreate() {
        CreateQemuVmForm form = vm.newVmForm();
        if (CreateQemuVmDialog.ask(owner(), form)) {
            vm.prepareCreate(form, a -> Confirm.thenRun(owner(), a, vm::run));
        }
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        vm.refresh();
        autoRefresh.play();
    }

    @Override
    public void hidden() {
        autoRefresh.stop();
    }
}
