package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationRecord;
import dev.sluice.ui.common.I18n;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Shown at start-up when migrations were cut short: each with its state report and Resume / Roll back.
 * The choice hands the new run to {@code started} (which opens its progress window).
 */
final class InterruptedMigrationsDialog extends Dialog<Void> {

    InterruptedMigrationsDialog(Window owner, InterruptedMigrationsViewModel vm, BiConsumer<MigrationRecord, MigrationRunViewModel> started) {
        initOwner(owner);
        setTitle(I18n.t("migrate.interrupted.title"));
        setHeaderText(I18n.t("migrate.interrupted.header"));
        VBox list = new VBox(14);
        list.setPadding(new Insets(4));
        for (MigrationRecord r : vm.unfinished()) {
            Label what = new Label(vm.describe(r));
            what.setWrapText(true);
            what.setMaxWidth(760);
            TextArea report = new TextArea(r.stateReport());
            report.setEditable(false);
            report.setPrefRowCount(Math.min(12, r.steps().size() + 1));
            report.getStyleClass().add("state-report");
            Button resume = new Button(I18n.t("migrate.interrupted.resume"));
            resume.getStyleClass().add("accent");
            resume.setDisable(!vm.canResume(r));
            Button rollBack = new Button(I18n.t("migrate.interrupted.rollBack"));
            VBox item = new VBox(6, what, report, new HBox(8, resume, rollBack));
            resume.setOnAction(e -> {
                list.getChildren().remove(item);
                started.accept(r, vm.resume(r));
                closeIfDone(list);
            });
            rollBack.setOnAction(e -> {
                list.getChildren().remove(item);
                started.accept(r, vm.rollBack(r));
                closeIfDone(list);
            });
            list.getChildren().add(item);
        }
        getDialogPane().setContent(list);
        getDialogPane().getStylesheets().add(InterruptedMigrationsDialog.class.getResource("migration.css").toExternalForm());
        getDialogPane().getButtonTypes().setAll(new ButtonType(I18n.t("migrate.interrupted.later"), ButtonType.CLOSE.getButtonData()));
        setResizable(true);
    }

    private void closeIfDone(VBox list) {
        if (list.getChildren().isEmpty()) {
            setResult(null);
            close();
        }
    }
}
