package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRecovery.Offer;
import dev.sluice.ui.common.dialogs.CommandConfirmDialog;
import dev.sluice.ui.common.dialogs.CommandPlan;
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
 * Shown at start-up when migrations were cut short: each with its state report and what may be done with it
 * (Resume / Roll back, or past the point of no return Finish / Dismiss).
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
            HBox buttons = new HBox(8);
            VBox item = new VBox(6, what, report, buttons);
            for (Offer offer : vm.offers(r)) {
                Button b = new Button(I18n.t("migrate.interrupted." + switch (offer) {
                    case RESUME -> "resume";
                    case ROLL_BACK -> "rollBack";
                    case FINISH -> "finish";
                    case DISMISS -> "dismiss";
                }));
                if (offer == Offer.RESUME || offer == Offer.FINISH) {
                    b.getStyleClass().add("accent");
                }
                b.setOnAction(e -> act(vm, r, offer, list, item, started));
                buttons.getChildren().add(b);
            }
            list.getChildren().add(item);
        }
        getDialogPane().setContent(list);
        getDialogPane().getStylesheets().add(InterruptedMigrationsDialog.class.getResource("migration.css").toExternalForm());
        getDialogPane().getButtonTypes().setAll(new ButtonType(I18n.t("migrate.interrupted.later"), ButtonType.CLOSE.getButtonData()));
        setResizable(true);
    }

    private void act(InterruptedMigrationsViewModel vm, MigrationRecord r, Offer offer, VBox list, VBox item,
                     BiConsumer<MigrationRecord, MigrationRunViewModel> started) {
        switch (offer) {
            case RESUME, FINISH -> {
                list.getChildren().remove(item);
                started.accept(r, vm.resume(r));
                closeIfDone(list);
            }
            case DISMISS -> {
                list.getChildren().remove(item);
                vm.dismiss(r, () -> closeIfDone(list));
            }
            case ROLL_BACK -> vm.previewRollBack(r, preview -> {
                // a roll back that destroys anything shows exactly what, and runs only once that list is confirmed
                boolean ok = preview.destroysNothing() || CommandConfirmDialog.confirm(getDialogPane().getScene().getWindow(),
                        CommandPlan.destructive(I18n.t("migrate.interrupted.rollBackTitle", r.source()),
                                        I18n.t("migrate.interrupted.rollBackSentence", r.target(), preview.destroyed().size()),
                                        preview.commands(), preview.destroyed())
                                .withAcknowledgement(I18n.t("migrate.interrupted.rollBackAck", preview.destroyed().size()))
                                .withConfirmLabel(I18n.t("migrate.interrupted.rollBack")));
                if (ok) {
                    list.getChildren().remove(item);
                    started.accept(r, vm.rollBack(r, preview));
                    closeIfDone(list);
                }
            });
        }
    }

    private void closeIfDone(VBox list) {
        if (list.getChildren().isEmpty()) {
            setResult(null);
            close();
        }
    }
}
