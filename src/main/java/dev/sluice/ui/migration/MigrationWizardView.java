package dev.sluice.ui.migration;

import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ViewLoader;
import dev.sluice.ui.migration.MigrationWizardViewModel.Page;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The wizard window: five pages in one stage with Back / Next / Run. Binds {@link MigrationWizardViewModel};
 * the last page is the {@link MigrationProgressView} of the run it started.
 */
public final class MigrationWizardView {
    private final MigrationWizardViewModel vm;
    private final Parent root;
    private MigrationProgressView progress;

    @FXML private HBox pageSteps;
    @FXML private ProgressIndicator busy;
    @FXML private VBox sourcePage;
    @FXML private VBox targetPage;
    @FXML private VBox optionsPage;
    @FXML private VBox reviewPage;
    @FXML private StackPane progressPage;
    @FXML private Label error;
    @FXML private HBox zvolChoice;
    @FXML private ComboBox<String> zvol;
    @FXML private VBox vmDisks;
    @FXML private ListView<MigrationSource> sources;
    @FXML private ComboBox<String> pool;
    @FXML private ComboBox<String> parent;
    @FXML private Label space;
    @FXML private Label encryption;
    @FXML private CheckBox live;
    @FXML private Label liveText;
    @FXML private CheckBox preseed;
    @FXML private CheckBox destroySource;
    @FXML private CheckBox raw;
    @FXML private CheckBox compressed;
    @FXML private CheckBox keepPartial;
    @FXML private TextField properties;
    @FXML private Label optionsError;
    @FXML private ComboBox<MigrationTools.TargetHost> targetHost;
    @FXML private TextField reachAs;
    @FXML private Label route;
    @FXML private Button copyScript;
    @FXML private Label reviewSummary;
    @FXML private VBox refusalBox;
    @FXML private VBox refusals;
    @FXML private ListView<StepRow> reviewSteps;
    @FXML private Button close;
    @FXML private Button back;
    @FXML private Button next;
    @FXML private Button run;

    public MigrationWizardView(MigrationWizardViewModel vm) {
        this.vm = vm;
        this.root = ViewLoader.load(this, "MigrationWizardView.fxml");
        root.getStylesheets().add(MigrationWizardView.class.getResource("migration.css").toExternalForm());
        busy.visibleProperty().bind(vm.busyProperty());
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(vm.errorProperty().isNotEmpty());
        // source
        zvolChoice.setVisible(!vm.fixedSources());
        zvolChoice.setManaged(!vm.fixedSources());
        vmDisks.setVisible(vm.fixedSources());
        vmDisks.setManaged(vm.fixedSources());
        zvol.setItems(vm.zvols());
        zvol.valueProperty().bindBidirectional(vm.selectedZvolProperty());
        sources.setItems(vm.sources());
        Label noSources = new Label(I18n.t("migrate.wizard.noSources"));
        noSources.setWrapText(true);
        sources.setPlaceholder(noSources);
        sources.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(MigrationSource s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.label());
            }
        });
        // target
        targetHost.setItems(vm.targetHosts());
        targetHost.valueProperty().bindBidirectional(vm.targetHostProperty());
        reachAs.textProperty().bindBidirectional(vm.reachAsProperty());
        reachAs.setOnAction(e -> vm.openTarget());
        reachAs.disableProperty().bind(javafx.beans.binding.Bindings.size(vm.targetHosts()).lessThan(2));
        route.textProperty().bind(vm.routeTextProperty());
        route.managedProperty().bind(vm.routeTextProperty().isNotEmpty());
        pool.setItems(vm.pools());
        pool.valueProperty().bindBidirectional(vm.targetPoolProperty());
        parent.setItems(vm.parents());
        parent.valueProperty().bindBidirectional(vm.targetParentProperty());
        space.textProperty().bind(vm.spaceTextProperty());
        vm.spaceShortProperty().addListener((o, was, now) -> toggle(space, "space-short", now));
        encryption.textProperty().bind(vm.encryptionTextProperty());
        // options
        live.selectedProperty().bindBidirectional(vm.liveProperty());
        live.disableProperty().bind(vm.liveAvailableProperty().not());
        liveText.textProperty().bind(vm.liveTextProperty());
        preseed.selectedProperty().bindBidirectional(vm.preseedProperty());
        // a live move always seeds while the guest runs
        preseed.disableProperty().bind(vm.liveProperty().and(vm.liveAvailableProperty()));
        destroySource.selectedProperty().bindBidirectional(vm.destroySourceProperty());
        raw.selectedProperty().bindBidirectional(vm.rawProperty());
        compressed.selectedProperty().bindBidirectional(vm.compressedProperty());
        compressed.disableProperty().bind(vm.rawProperty());
        keepPartial.selectedProperty().bindBidirectional(vm.keepPartialTargetProperty());
        properties.textProperty().bindBidirectional(vm.receivePropertiesProperty());
        optionsError.textProperty().bind(vm.optionsErrorProperty());
        // review
        reviewSummary.textProperty().bind(vm.reviewSummaryProperty());
        reviewSteps.setItems(vm.reviewSteps());
        reviewSteps.setCellFactory(l -> new StepCell(false));
        vm.refusals().addListener((ListChangeListener<String>) c -> showRefusals(vm.refusals()));
        showRefusals(vm.refusals());
        copyScript.disableProperty().bind(vm.canRunProperty().not());
        // pages and buttons
        vm.pageProperty().addListener((o, was, now) -> showPage(now));
        showPage(vm.pageProperty().get());
        next.disableProperty().bind(vm.canNextProperty().not());
        run.disableProperty().bind(vm.canRunProperty().not());
        vm.runProperty().addListener((o, was, r) -> {
            progress = new MigrationProgressView(r);
            progressPage.getChildren().setAll(progress.root());
        });
    }

    private void showPage(Page p) {
        List<Node> pages = List.of(sourcePage, targetPage, optionsPage, reviewPage, progressPage);
        for (int i = 0; i < pages.size(); i++) {
            pages.get(i).setVisible(i == p.ordinal());
            toggle(pageSteps.getChildren().get(i), "current", i == p.ordinal());
        }
        boolean progressing = p == Page.PROGRESS;
        back.setVisible(p != Page.SOURCE && !progressing);
        next.setVisible(p.ordinal() < Page.REVIEW.ordinal());
        next.setManaged(next.isVisible());
        run.setVisible(p == Page.REVIEW);
        run.setManaged(run.isVisible());
        run.setDefaultButton(p == Page.REVIEW);
        next.setDefaultButton(p != Page.REVIEW);
    }

    private void showRefusals(List<String> reasons) {
        refusals.getChildren().setAll(reasons.stream().map(r -> {
            Label l = new Label("✖ " + r);
            l.getStyleClass().add("refusal");
            l.setWrapText(true);
            return (Node) l;
        }).toList());
        refusalBox.setVisible(!reasons.isEmpty());
        refusalBox.setManaged(!reasons.isEmpty());
    }

    private static void toggle(Node n, String styleClass, boolean on) {
        n.getStyleClass().remove(styleClass);
        if (on) {
            n.getStyleClass().add(styleClass);
        }
    }

    @FXML
    private void back() {
        vm.back();
    }

    @FXML
    private void next() {
        vm.next();
    }

    @FXML
    private void run() {
        vm.runPlans();
    }

    @FXML
    private void copyScript() {
        ClipboardContent c = new ClipboardContent();
        c.putString(vm.shellScript());
        Clipboard.getSystemClipboard().setContent(c);
        copyScript.setText(I18n.t("migrate.review.copied"));
    }

    @FXML
    private void close() {
        Window w = root.getScene().getWindow();
        if (w instanceof Stage s) {
            s.close();
        }
    }

    /** Opens the wizard in its own window (not modal: the main window stays usable during a long copy). */
    public static Stage open(Window owner, MigrationWizardViewModel vm) {
        MigrationWizardView view = new MigrationWizardView(vm);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(I18n.t("migrate.wizard.title"));
        stage.setScene(new Scene(view.root()));
        MigrationDialogs.guardClose(stage, () -> vm.runProperty().get());
        stage.setOnHidden(e -> {
            if (view.progress != null) {
                view.progress.dispose();
            }
        });
        stage.show();
        vm.load();
        return stage;
    }

    public Parent root() {
        return root;
    }
}
