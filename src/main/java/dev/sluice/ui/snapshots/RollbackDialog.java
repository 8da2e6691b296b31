package dev.sluice.ui.snapshots;

import atlantafx.base.theme.Styles;
import dev.sluice.ui.common.I18n;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.ZfsSizes;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The rollback safety dialog. Before anything runs it lists every snapshot, bookmark and clone the
 * rollback destroys, offers the guard copy of the current state (on by default; explained, since a
 * guard snapshot alone would be destroyed by the rollback itself), and "clone instead" as the choice that
 * destroys nothing. The command box always shows exactly what the chosen button runs.
 */
final class RollbackDialog {

    private final Dialog<RollbackChoice> dialog;

    RollbackDialog(FxSnapshotDialogs dialogs, RollbackRequest request) {
        RollbackProposal p = request.proposal();
        dialog = dialogs.dialog(I18n.t("snapshots.rollbackDialog.title"),
                I18n.t("snapshots.rollbackDialog.header", p.dataset(), p.snapshot()));
        dialog.getDialogPane().setId("rollback-dialog");
        dialog.getDialogPane().setPrefWidth(780);
        dialog.getDialogPane().setMinWidth(720);

        Label lost = FxSnapshotDialogs.wrapped(I18n.t("snapshots.rollbackDialog.lost", p.snapshot()));
        TextArea goingAway = FxSnapshotDialogs.goingAwayBox(List.of());
        Label goingCaption = FxSnapshotDialogs.caption("snapshots.dialog.goingAway");
        Label nothingElse = FxSnapshotDialogs.wrapped(I18n.t("snapshots.rollbackDialog.nothingElse"));

        CheckBox guard = new CheckBox(I18n.t("snapshots.rollbackDialog.guard", ZfsSizes.human(Math.max(0, p.guardBytes()))));
        guard.setId("guard");
        guard.setSelected(true);
        Label guardWhy = FxSnapshotDialogs.wrapped(I18n.t("snapshots.rollbackDialog.guardWhy", p.guardCopy()));
        guardWhy.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        TextArea commands = FxSnapshotDialogs.commandBox(List.of());

        TextField cloneName = new TextField(p.cloneTarget());
        cloneName.setId("clone-name");
        Label cloneProblem = FxSnapshotDialogs.wrapped("");
        cloneProblem.getStyleClass().add(Styles.DANGER);
        TextArea cloneCommands = FxSnapshotDialogs.commandBox(List.of());
        cloneCommands.setId("clone-commands");

        Runnable update = () -> {
            List<String> going = p.destroyed(false); // the guard snapshot is Sluice's own, made and rolled away here (guardWhy says so)
            goingAway.setText(String.join("\n", going));
            goingAway.setPrefRowCount(Math.min(8, Math.max(1, going.size())));
            goingAway.setVisible(!going.isEmpty());
            goingAway.setManaged(!going.isEmpty());
            goingCaption.setVisible(!going.isEmpty());
            goingCaption.setManaged(!going.isEmpty());
            nothingElse.setVisible(going.isEmpty());
            nothingElse.setManaged(going.isEmpty());
            List<String> steps = lines(() -> p.rollbackSteps(guard.isSelected()));
            commands.setText(String.join("\n", steps));
            commands.setPrefRowCount(Math.min(8, steps.size() * 2));
            goingCaption.setText(I18n.t("snapshots.rollbackDialog.goingAway", going.size()));
            Optional<String> why = request.checkCloneName().apply(cloneName.getText().strip());
            cloneProblem.setText(why.orElse(""));
            cloneCommands.setText(why.isPresent() ? "" : String.join("\n", lines(() -> p.cloneSteps(cloneName.getText().strip()))));
        };
        guard.selectedProperty().addListener(o -> update.run());
        cloneName.textProperty().addListener(o -> update.run());

        Label alternative = FxSnapshotDialogs.wrapped(I18n.t("snapshots.rollbackDialog.cloneWhy"));
        VBox body = new VBox(8,
                lost, goingCaption, goingAway, nothingElse,
                guard, guardWhy,
                FxSnapshotDialogs.caption("snapshots.dialog.commands"), commands,
                new Separator(),
                FxSnapshotDialogs.caption("snapshots.rollbackDialog.cloneTitle"), alternative, cloneName, cloneProblem,
                cloneCommands);
        dialog.getDialogPane().setContent(body);

        ButtonType rollback = new ButtonType(I18n.t("snapshots.rollbackDialog.rollback"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cloneInstead = new ButtonType(I18n.t("snapshots.rollbackDialog.clone"), ButtonBar.ButtonData.OTHER);
        dialog.getDialogPane().getButtonTypes().addAll(cloneInstead, rollback, ButtonType.CANCEL);
        Node rollbackButton = dialog.getDialogPane().lookupButton(rollback);
        rollbackButton.getStyleClass().add(Styles.DANGER);
        rollbackButton.setId("rollback-run");
        ((javafx.scene.control.Button) rollbackButton).setDefaultButton(false);
        Node cloneButton = dialog.getDialogPane().lookupButton(cloneInstead);
        cloneButton.setId("clone-instead");
        cloneButton.getStyleClass().add(Styles.ACCENT);
        cloneName.textProperty().addListener(o ->
                cloneButton.setDisable(request.checkCloneName().apply(cloneName.getText().strip()).isPresent()));
        ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        update.run();
        cloneButton.setDisable(request.checkCloneName().apply(cloneName.getText().strip()).isPresent());

        dialog.setResultConverter(b -> b == rollback ? RollbackChoice.rollback(guard.isSelected())
                : b == cloneInstead ? RollbackChoice.cloneInstead(cloneName.getText().strip()) : null);
    }

    Optional<RollbackChoice> showAndWait() {
        return dialog.showAndWait();
    }

    private interface Steps {
        List<String> get() throws InvalidZfsNameException;
    }

    private static List<String> lines(Steps steps) {
        try {
            return steps.get();
        } catch (InvalidZfsNameException e) {
            return List.of(e.getMessage());
        }
    }
}
