package dev.sluice.ui.migration;

import dev.sluice.ui.common.I18n;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The one-click move's confirmation, the refusal notice, and the progress window. */
final class MigrationDialogs {

    /** What the user chose in the one confirmation. */
    enum Choice { MOVE, MORE_OPTIONS, CANCEL }

    static final ButtonType MOVE = new ButtonType(I18n.t("migrate.oneClick.confirm"), ButtonBar.ButtonData.OK_DONE);
    static final ButtonType MORE = new ButtonType(I18n.t("migrate.oneClick.moreOptions"), ButtonBar.ButtonData.LEFT);

    private MigrationDialogs() {
    }

    /** One dialog listing every step and its exact commands: Move, More options…, or Cancel. */
    static Dialog<Choice> confirm(Window owner, OneClickMoveViewModel vm) {
        Dialog<Choice> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(vm.title());
        d.setHeaderText(vm.title());
        Label sentence = new Label(vm.sentence());
        sentence.setWrapText(true);
        ListView<StepRow> steps = new ListView<>(FXCollections.observableArrayList(vm.steps()));
        steps.setCellFactory(l -> new StepCell(false));
        steps.getStyleClass().add("step-list");
        steps.setPrefSize(820, 420);
        // where the disk goes, shown and editable: a parent in the target pool, the disk keeps its name
        ComboBox<String> parent = new ComboBox<>(FXCollections.observableArrayList(vm.parents()));
        parent.setId("moveTargetParent");
        parent.setEditable(true);
        parent.setValue(vm.targetParentProperty().get());
        parent.setPrefWidth(360);
        Label leaf = new Label("/" + vm.targetLeaf());
        Label problem = new Label();
        problem.setId("moveTargetProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(vm.errorProperty());
        HBox target = new HBox(6, new Label(I18n.t("migrate.oneClick.target")), parent, leaf);
        target.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(10, sentence, target, problem, steps);
        box.getStyleClass().add("migration-confirm");
        d.getDialogPane().setContent(box);
        d.getDialogPane().getStylesheets().add(MigrationDialogs.class.getResource("migration.css").toExternalForm());
        d.getDialogPane().getButtonTypes().setAll(MORE, ButtonType.CANCEL, MOVE);
        d.getDialogPane().lookupButton(MOVE).getStyleClass().add("accent");
        javafx.beans.property.BooleanProperty planning = new javafx.beans.property.SimpleBooleanProperty();
        d.getDialogPane().lookupButton(MOVE).disableProperty().bind(planning.or(vm.errorProperty().isNotEmpty()));
        parent.valueProperty().addListener((o, was, now) -> {
            if (now != null && !now.strip().equals(vm.targetParentProperty().get())) {
                planning.set(true);
                vm.replan(now, () -> {
                    planning.set(false);
                    steps.getItems().setAll(vm.steps());
                    sentence.setText(vm.sentence());
                });
            }
        });
        d.setResizable(true);
        d.setResultConverter(b -> b == MOVE ? Choice.MOVE : b == MORE ? Choice.MORE_OPTIONS : Choice.CANCEL);
        return d;
    }

    /** The planner's reasons, each with its fix; nothing was changed. */
    static Alert refused(Window owner, String title, List<String> reasons) {
        Alert a = new Alert(Alert.AlertType.WARNING);
        a.initOwner(owner);
        a.setTitle(I18n.t("migrate.oneClick.refusedTitle"));
        a.setHeaderText(title + "\n" + I18n.t("migrate.review.refused"));
        VBox box = new VBox(6);
        for (String r : reasons) {
            Label l = new Label("✖ " + r);
            l.setWrapText(true);
            l.setMaxWidth(620);
            box.getChildren().add(l);
        }
        a.getDialogPane().setContent(box);
        return a;
    }

    /**
     * Asked when a running migration's window is closed or Sluice quits: stop at the next resumable checkpoint
     * (true) or keep it running (false).
     */
    static boolean askStop(Window owner) {
        ButtonType stop = new ButtonType(I18n.t("migrate.quit.stop"), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(I18n.t("migrate.quit.keep"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, I18n.t("migrate.quit.text"), stop, keep);
        a.initOwner(owner);
        a.setTitle(I18n.t("migrate.quit.title"));
        a.setHeaderText(I18n.t("migrate.quit.header"));
        return a.showAndWait().orElse(keep) == stop;
    }

    /**
     * A window showing a migration is never closed into an unknown state: while it runs, closing asks, and
     * "stop" lets it reach a resumable checkpoint before the window closes.
     */
    static void guardClose(Stage stage, java.util.function.Supplier<MigrationRunViewModel> running) {
        stage.setOnCloseRequest(e -> {
            MigrationRunViewModel run = running.get();
            if (run != null && run.runningProperty().get()) {
                e.consume();
                if (askStop(stage)) {
                    run.finishedProperty().addListener((o, was, done) -> {
                        if (done) {
                            stage.close();
                        }
                    });
                    run.stopAtCheckpoint();
                }
            }
        });
    }

    /** A window of its own for a running migration, so the main window stays usable during a long copy. */
    static Stage progressWindow(Window owner, MigrationRunViewModel run, String title) {
        MigrationProgressView view = new MigrationProgressView(run);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(I18n.t("migrate.window.progress") + " · " + title);
        // without a window manager's title bar this is the only way out: Close (and Escape) once it has finished
        Button close = new Button(I18n.t("common.close"));
        close.setId("closeMigration");
        close.setCancelButton(true);
        close.setDefaultButton(true);
        close.visibleProperty().bind(run.finishedProperty());
        close.managedProperty().bind(close.visibleProperty());
        close.setOnAction(e -> stage.close());
        HBox bar = new HBox(close);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(0, 16, 12, 16));
        VBox.setVgrow(view.root(), Priority.ALWAYS);
        stage.setScene(new Scene(new VBox(view.root(), bar), 860, 620));
        // Escape closes a finished move whichever control has the focus (a list or text area may keep the key)
        stage.getScene().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && run.finishedProperty().get()) {
                e.consume();
                stage.close();
            }
        });
        guardClose(stage, () -> run);
        stage.setOnHidden(e -> view.dispose());
        stage.show();
        return stage;
    }
}
