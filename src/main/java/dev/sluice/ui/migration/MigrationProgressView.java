package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationState;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ViewLoader;
import dev.sluice.ui.common.dialogs.CommandConfirmDialog;
import dev.sluice.ui.common.dialogs.CommandPlan;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.util.Duration;

/**
 * The progress panel: step list with state icons, the transfer's bytes, rate and ETA, the guest's
 * downtime, Cancel, and at the end the state report. Used by the wizard's last page and by the
 * one-click window. Binds {@link MigrationRunViewModel}.
 */
public final class MigrationProgressView {
    private final MigrationRunViewModel vm;
    private final Parent root;
    private final Timeline ticker;

    @FXML private Label summary;
    @FXML private Label kept;
    @FXML private Label current;
    @FXML private ProgressBar bar;
    @FXML private Label bytes;
    @FXML private Label rate;
    @FXML private Label eta;
    @FXML private Label downtime;
    @FXML private ListView<StepRow> steps;
    @FXML private TitledPane reportPane;
    @FXML private TextArea report;
    @FXML private CheckBox keepPartial;
    @FXML private Button cleanUp;
    @FXML private Button cancel;

    public MigrationProgressView(MigrationRunViewModel vm) {
        this.vm = vm;
        this.root = ViewLoader.load(this, "MigrationProgressView.fxml");
        root.getStylesheets().add(MigrationProgressView.class.getResource("migration.css").toExternalForm());
        summary.textProperty().bind(vm.summaryProperty());
        kept.textProperty().bind(vm.keptProperty());
        kept.visibleProperty().bind(vm.keptProperty().isNotEmpty());
        kept.managedProperty().bind(kept.visibleProperty());
        current.textProperty().bind(vm.currentProperty());
        bar.progressProperty().bind(vm.fractionProperty());
        bytes.textProperty().bind(vm.bytesProperty());
        rate.textProperty().bind(vm.rateProperty());
        eta.textProperty().bind(vm.etaProperty());
        downtime.textProperty().bind(vm.downtimeProperty());
        steps.setItems(vm.steps());
        steps.setCellFactory(l -> new StepCell(true));
        report.textProperty().bind(vm.reportProperty());
        reportPane.visibleProperty().bind(vm.reportProperty().isNotEmpty());
        reportPane.managedProperty().bind(reportPane.visibleProperty());
        keepPartial.selectedProperty().bindBidirectional(vm.keepPartialTargetProperty());
        keepPartial.disableProperty().bind(vm.finishedProperty());
        keepPartial.visibleProperty().bind(vm.stateProperty().isNotEqualTo(MigrationState.SUCCEEDED));
        cleanUp.visibleProperty().bind(vm.canCleanUpProperty());
        cleanUp.managedProperty().bind(cleanUp.visibleProperty());
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        vm.stateProperty().addListener((o, was, now) -> styleSummary(now));
        styleSummary(vm.stateProperty().get());
        vm.currentProperty().addListener((o, was, now) -> scrollToCurrent());
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        vm.finishedProperty().addListener((o, was, done) -> {
            if (done) {
                ticker.stop();
            }
        });
    }

    private void styleSummary(MigrationState s) {
        summary.getStyleClass().removeAll("succeeded", "rolled-back", "needs-attention");
        switch (s) {
            case SUCCEEDED -> summary.getStyleClass().add("succeeded");
            case ROLLED_BACK -> summary.getStyleClass().add("rolled-back");
            case NEEDS_ATTENTION -> summary.getStyleClass().add("needs-attention");
            default -> { }
        }
    }

    private void scrollToCurrent() {
        for (int i = 0; i < vm.steps().size(); i++) {
            var st = vm.steps().get(i).status();
            if (st == dev.sluice.migrate.StepStatus.RUNNING || st == dev.sluice.migrate.StepStatus.UNDOING) {
                steps.scrollTo(Math.max(0, i - 2));
                return;
            }
        }
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }

    @FXML
    private void cleanUp() {
        vm.previewCleanUp(preview -> {
            if (preview == null) {
                return;
            }
            CommandPlan plan = CommandPlan.destructive(I18n.t("migrate.run.cleanUpTitle", preview.target()),
                            I18n.t("migrate.run.cleanUpSentence", preview.target(), preview.everything().size()),
                            List.of(preview.command()), preview.everything())
                    .withAcknowledgement(I18n.t("migrate.interrupted.rollBackAck", preview.everything().size()))
                    .withConfirmLabel(I18n.t("migrate.run.cleanUp"));
            if (CommandConfirmDialog.confirm(root.getScene() == null ? null : root.getScene().getWindow(), plan)) {
                vm.cleanUpPartialTarget(preview);
            }
        });
    }

    /** Stops the once-a-second downtime refresh: call when the window closes. */
    public void dispose() {
        ticker.stop();
    }

    public Parent root() {
        return root;
    }
}
