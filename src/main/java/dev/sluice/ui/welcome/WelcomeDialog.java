package dev.sluice.ui.welcome;

import dev.sluice.host.probe.Check;
import dev.sluice.ui.common.I18n;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Shown once, at the first start: the host checklist from {@link WelcomeViewModel} with the fix for each
 * miss, and "Add SSH host…" right there for admins whose ZFS is on another machine.
 */
public final class WelcomeDialog {
    private WelcomeDialog() {
    }

    /** Shows the dialog; runs {@code addSshHost} when the user asks for it. */
    public static void show(Window owner, WelcomeViewModel vm, Runnable addSshHost) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(vm.title());
        d.setHeaderText(vm.summary());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        int row = 0;
        for (WelcomeViewModel.Row r : vm.rows()) {
            Label mark = new Label(r.ok() ? "✓" : r.status() == Check.Status.WARNING ? "!" : "✗");
            mark.getStyleClass().add(r.ok() ? "success" : r.status() == Check.Status.WARNING ? "warning" : "danger");
            mark.setStyle("-fx-font-weight: bold; -fx-font-size: 1.2em;");
            mark.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label what = new Label(r.what());
            what.setStyle("-fx-font-weight: bold;");
            what.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // tool names are never cut short
            Label detail = new Label(r.detail());
            detail.setWrapText(true);
            detail.setMaxWidth(560);
            grid.addRow(row++, mark, what, detail);
        }
        Label hint = new Label(I18n.t("welcome.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(700);
        VBox box = new VBox(16, grid, hint);
        box.setPadding(new Insets(8, 4, 4, 4));
        d.getDialogPane().setContent(box);
        ButtonType add = new ButtonType(I18n.t("welcome.addHost"), ButtonBar.ButtonData.LEFT);
        ButtonType start = new ButtonType(I18n.t("welcome.start"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(add, start);
        d.showAndWait().filter(b -> b == add).ifPresent(b -> addSshHost.run());
    }
}
