package dev.sluice.app;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.sluice.config.Settings;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.ui.common.EmptyState;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ViewLoader;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/**
 * The main window's layout: header with the host selector, sidebar, notices, the current
 * feature view, status bar, menus and shortcuts. State lives in {@link MainViewModel}; feature
 * views come from the map the composition root hands in, and entries without one show an
 * honest empty state.
 */
public final class MainWindow {
    private final MainViewModel vm;
    private final Map<Feature, Supplier<FeatureView>> factories;
    private final Map<Feature, FeatureView> created = new EnumMap<>(Feature.class);
    private final Parent root;
    private final Runnable quit;
    /** The migrations of this window (set by the composition root): for the journeys test and the screenshot tool. */
    private dev.sluice.ui.migration.MigrationLauncher migrations;
    private FeatureView showing;

    @FXML private BorderPane rootPane;
    @FXML private Menu viewMenu;
    @FXML private CheckMenuItem darkThemeItem;
    @FXML private Menu languageMenu;
    @FXML private ImageView logo;
    @FXML private ComboBox<HostChoice> hostBox;
    @FXML private javafx.scene.control.MenuButton hostMenu;
    @FXML private Button refreshButton;
    @FXML private Button themeButton;
    @FXML private SplitPane split;
    @FXML private ListView<Feature> sidebar;
    @FXML private VBox noticeBox;
    @FXML private StackPane content;
    @FXML private HBox statusBar;

    /** A host, or the "Add SSH host…" entry at the end of the list (host null). */
    record HostChoice(Host host) {
        @Override
        public String toString() {
            return host == null ? I18n.t("app.host.add") : hostLabel(host);
        }
    }

    public MainWindow(MainViewModel vm, Map<Feature, Supplier<FeatureView>> factories, Runnable quit) {
        this(vm, factories, quit, null);
    }

    /** With {@code notifications}, toasts appear in a layer over the whole window that survives view changes. */
    MainWindow(MainViewModel vm, Map<Feature, Supplier<FeatureView>> factories, Runnable quit, WindowNotifications notifications) {
        this.vm = vm;
        this.factories = factories;
        this.quit = quit;
        Parent loaded = ViewLoader.load(this, "MainWindow.fxml");
        if (notifications != null) {
            StackPane layer = new StackPane(loaded);
            layer.getStylesheets().addAll(loaded.getStylesheets());
            notifications.attach(layer);
            this.root = layer;
        } else {
            this.root = loaded;
        }
    }

    static String hostLabel(Host h) {
        String name = h.isLocal() ? I18n.t("app.host.local") : h.displayName();
        return h.elevation() == Elevation.NONE ? name : name + " · " + elevationLabel(h.elevation());
    }

    static String elevationLabel(Elevation e) {
        return I18n.t("app.elevation." + e.name().toLowerCase(java.util.Locale.ROOT));
    }

    @FXML
    private void initialize() {
        logo.setImage(AppIcon.image(64));
        buildSidebar();
        buildHostBox();
        buildHostMenu();
        buildViewMenu();
        refreshButton.setGraphic(icon(Icons.REFRESH));
        refreshButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        refreshButton.setTooltip(new Tooltip(I18n.t("app.menu.refresh") + " (F5)"));
        refreshButton.disableProperty().bind(vm.probingProperty());
        themeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        themeButton.setId("theme-toggle");
        vm.themeProperty().addListener((o, a, t) -> applyTheme(t));
        darkThemeItem.setOnAction(e -> vm.themeProperty().set(darkThemeItem.isSelected() ? Settings.Theme.DARK : Settings.Theme.LIGHT));
        applyTheme(vm.themeProperty().get());
        StartupProbe.mark("window FXML and theme");

        split.setDividerPositions(0.18);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);

        vm.notices().addListener((ListChangeListener<Notice>) c -> showNotices());
        showNotices();
        new StatusBar(vm, statusBar);

        vm.currentFeatureProperty().addListener((o, a, f) -> show(f));
        show(vm.currentFeatureProperty().get());
        StartupProbe.mark("first view");
    }

    // ------------------------------------------------------------------ sidebar and content

    private void buildSidebar() {
        sidebar.getItems().setAll(Feature.values());
        sidebar.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Feature f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label name = new Label(I18n.t("nav." + f.key()));
                name.getStyleClass().add("nav-text");
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                Label key = new Label("Ctrl+" + (f.ordinal() + 1));
                key.getStyleClass().add("nav-shortcut");
                HBox row = new HBox(10, icon(f.iconPath(), "nav-icon"), name, gap, key);
                row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                setPrefWidth(0); // fit the sidebar, never scroll sideways
                setGraphic(row);
                setText(null);
                setId("nav-" + f.key());
            }
        });
        sidebar.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> {
            if (f != null) {
                vm.currentFeatureProperty().set(f);
            }
        });
    }

    private void show(Feature f) {
        if (f == null) {
            return;
        }
        if (sidebar.getSelectionModel().getSelectedItem() != f) {
            sidebar.getSelectionModel().select(f);
        }
        FeatureView next = viewFor(f);
        if (next == showing) {
            return;
        }
        if (showing != null) {
            showing.hidden();
        }
        content.getChildren().setAll(next.root());
        showing = next;
        next.shown();
    }

    /** The view of a sidebar entry, created on first use. */
    public FeatureView viewFor(Feature f) {
        return created.computeIfAbsent(f, k -> {
            Supplier<FeatureView> factory = factories.get(k);
            return factory != null ? factory.get() : pending(k);
        });
    }

    private FeatureView pending(Feature f) {
        String name = I18n.t("nav." + f.key());
        return new EmptyState(f.iconPath(), I18n.t("app.pending.title", name), I18n.t("nav." + f.key() + ".pending"),
                I18n.t("app.pending.next"), I18n.t("app.pending.openActivity"),
                () -> vm.currentFeatureProperty().set(Feature.ACTIVITY));
    }

    private void buildViewMenu() {
        int at = 0;
        for (Feature f : Feature.values()) {
            MenuItem item = new MenuItem(I18n.t("nav." + f.key()));
            item.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(f.ordinal() + 1)), KeyCombination.SHORTCUT_DOWN));
            item.setOnAction(e -> vm.currentFeatureProperty().set(f));
            viewMenu.getItems().add(at++, item);
        }
        // the views are built in the language of the start: say so before the user picks, not only after
        javafx.scene.control.CustomMenuItem restart = new javafx.scene.control.CustomMenuItem(new Label(I18n.t("app.menu.language.restart")), false);
        restart.setDisable(true);
        languageMenu.getItems().add(restart);
        ToggleGroup languages = new ToggleGroup();
        for (Settings.Language l : Settings.Language.values()) {
            RadioMenuItem item = new RadioMenuItem(I18n.t("app.language." + l.name().toLowerCase(java.util.Locale.ROOT)));
            item.setToggleGroup(languages);
            item.setSelected(vm.languageProperty().get() == l);
            item.setOnAction(e -> vm.languageProperty().set(l));
            languageMenu.getItems().add(item);
        }
    }

    // ------------------------------------------------------------------ header

    private void buildHostBox() {
        hostBox.setId("host-selector");
        Runnable fill = () -> {
            hostBox.getItems().setAll(vm.hosts().stream().map(HostChoice::new).toList());
            hostBox.getItems().add(new HostChoice(null));
            hostBox.getSelectionModel().select(new HostChoice(vm.selectedHostProperty().get()));
        };
        vm.hosts().addListener((ListChangeListener<Host>) c -> fill.run());
        vm.selectedHostProperty().addListener((o, a, h) -> hostBox.getSelectionModel().select(new HostChoice(h)));
        fill.run();
        hostBox.setOnAction(e -> {
            HostChoice c = hostBox.getSelectionModel().getSelectedItem();
            if (c == null) {
                return;
            }
            if (c.host() == null) {
                // Put the current host back first, so the box never shows "Add SSH host…" as the connection.
                javafx.application.Platform.runLater(() -> {
                    hostBox.getSelectionModel().select(new HostChoice(vm.selectedHostProperty().get()));
                    addHost();
                });
            } else if (!c.host().equals(vm.selectedHostProperty().get())) {
                vm.selectedHostProperty().set(c.host());
            }
        });
    }

    // Privilege mode and removal of the selected host: the fixes in the notices point here.
    private void buildHostMenu() {
        hostMenu.setId("host-menu");
        hostMenu.setGraphic(icon(Icons.SETTINGS));
        hostMenu.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Tweaks.NO_ARROW);
        hostMenu.setTooltip(new Tooltip(I18n.t("app.hostmenu.tooltip")));
        javafx.scene.control.CustomMenuItem caption = new javafx.scene.control.CustomMenuItem(new Label(I18n.t("app.hostmenu.privilege")), false);
        caption.setDisable(true);
        ToggleGroup modes = new ToggleGroup();
        hostMenu.getItems().add(caption);
        for (Elevation e : Elevation.values()) {
            RadioMenuItem item = new RadioMenuItem(elevationLabel(e));
            item.setMnemonicParsing(false);
            item.setId("elevation-" + e.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(modes);
            item.setUserData(e);
            item.setOnAction(x -> vm.setElevation(e));
            hostMenu.getItems().add(item);
        }
        MenuItem remove = new MenuItem(I18n.t("app.hostmenu.remove"));
        remove.setOnAction(x -> vm.removeSelectedHost());
        hostMenu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), remove);
        Runnable sync = () -> {
            Host h = vm.selectedHostProperty().get();
            modes.getToggles().forEach(t -> t.setSelected(h != null && t.getUserData() == h.elevation()));
            remove.setDisable(h == null || h.isLocal());
        };
        vm.selectedHostProperty().addListener((o, a, h) -> sync.run());
        hostMenu.setOnShowing(x -> sync.run());
        sync.run();
    }

    private void applyTheme(Settings.Theme t) {
        boolean dark = t == Settings.Theme.DARK;
        Themes.apply(t);
        darkThemeItem.setSelected(dark);
        themeButton.setGraphic(icon(dark ? Icons.SUN : Icons.MOON));
        themeButton.setTooltip(new Tooltip(I18n.t(dark ? "app.theme.toLight" : "app.theme.toDark")));
        rootPane.getStyleClass().removeAll("dark", "light");
        rootPane.getStyleClass().add(dark ? "dark" : "light");
    }

    private void showNotices() {
        noticeBox.getChildren().setAll(vm.notices().stream().map(this::noticeNode).toList());
    }

    private Message noticeNode(Notice n) {
        Message m = new Message(n.title(), n.text(), icon(n.level() == Notice.Level.INFO ? Icons.ACTIVITY : Icons.WARNING));
        m.getStyleClass().add(switch (n.level()) {
            case DANGER -> Styles.DANGER;
            case WARNING -> Styles.WARNING;
            case INFO -> Styles.ACCENT;
        });
        m.getStyleClass().add("notice");
        m.setOnClose(e -> vm.dismiss(n));
        MenuItem copy = new MenuItem(I18n.t("app.notice.copy"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(n.title() + "\n" + n.text());
            Clipboard.getSystemClipboard().setContent(c);
        });
        ContextMenu menu = new ContextMenu(copy);
        m.setOnContextMenuRequested(e -> menu.show(m, e.getScreenX(), e.getScreenY()));
        return m;
    }

    static SVGPath icon(String path) {
        return icon(path, "header-icon");
    }

    static SVGPath icon(String path, String styleClass) {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.getStyleClass().add(styleClass);
        return p;
    }

    // ------------------------------------------------------------------ actions

    @FXML
    void addHost() {
        AddHostDialog.ask(root.getScene() == null ? null : root.getScene().getWindow(), vm).ifPresent(vm::addHost);
    }

    /** F5 and the header's Refresh: the host checks and the data of the view that shows. */
    @FXML
    void refresh() {
        vm.refresh();
        if (showing != null) {
            showing.refresh();
        }
    }

    @FXML
    void toggleTheme() {
        vm.toggleTheme();
    }

    @FXML
    void quit() {
        quit.run();
    }

    /**
     * At the very first start, once the selected host has been probed, shows the welcome checklist
     * (zfs, privilege, /dev/zvol, VM tools, each miss with its fix) and remembers that it did.
     */
    void offerWelcomeOnFirstRun(java.nio.file.Path marker) {
        if (java.nio.file.Files.exists(marker)) {
            return;
        }
        vm.reportProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends dev.sluice.host.probe.HostReport> o,
                                dev.sluice.host.probe.HostReport old, dev.sluice.host.probe.HostReport report) {
                dev.sluice.host.CommandRunner runner = vm.runnerProperty().get();
                if (report == null || runner == null) {
                    return;
                }
                vm.reportProperty().removeListener(this);
                dev.sluice.task.BackgroundTask.of("welcome", ctx -> dev.sluice.host.probe.ZvolAccess.check(runner))
                        .onSuccess(zvol -> {
                            try {
                                java.nio.file.Files.createDirectories(marker.getParent());
                                java.nio.file.Files.writeString(marker, java.time.Instant.now().toString());
                            } catch (java.io.IOException ignored) {
                                // shown again next time: harmless
                            }
                            dev.sluice.ui.welcome.WelcomeDialog.show(root.getScene() == null ? null : root.getScene().getWindow(),
                                    new dev.sluice.ui.welcome.WelcomeViewModel(report, zvol), MainWindow.this::addHost);
                        })
                        .executeWith(vm.services().executor());
            }
        });
    }

    @FXML
    void about() {
        AboutDialog.show(root.getScene() == null ? null : root.getScene().getWindow(), vm.services().dirs());
    }

    public Parent root() {
        return root;
    }

    void migrations(dev.sluice.ui.migration.MigrationLauncher launcher) {
        this.migrations = launcher;
    }

    public dev.sluice.ui.migration.MigrationLauncher migrations() {
        return migrations;
    }

    public MainViewModel viewModel() {
        return vm;
    }

    /** The sidebar width in pixels, for the settings. */
    double sidebarWidth() {
        return split.getItems().get(0).getLayoutBounds().getWidth();
    }

    /** Sets the divider once the split pane has its first real width (a SplitPane only knows fractions). */
    void setSidebarWidth(double px) {
        split.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> obs, Number was, Number w) {
                if (w.doubleValue() > 0) {
                    split.setDividerPositions(Math.min(0.5, px / w.doubleValue()));
                    obs.removeListener(this);
                }
            }
        });
    }
}
