package dev.sluice.ui.vms;

import atlantafx.base.theme.Styles;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.ui.common.I18n;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * What preflight found before a start: each problem with its fix, blocking ones in red. When a
 * problem blocks the start there is only Close; warnings alone offer "Start anyway". Node ids:
 * {@code preflightProblems}; each problem is a {@code .preflight-problem}.
 */
final class PreflightDialog extends Dialog<Boolean> {

    PreflightDialog(Window owner, StartCheck check) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(I18n.t("vms.preflight.title", check.guest().name()));
        setHeaderText(check.blocked() ? I18n.t("vms.preflight.blocked", check.guest().name())
                : I18n.t("vms.preflight.warnings", check.guest().name()));
        VBox list = new VBox(8);
        list.setId("preflightProblems");
        for (PreflightProblem p : check.problems()) {
            Label title = new Label((p.blocking() ? "✖ " : "⚠ ") + p.disk() + ": " + p.message());
            title.setWrapText(true);
            title.getStyleClass().addAll("preflight-title", Styles.TEXT_BOLD);
            title.setMinHeight(Region.USE_PREF_SIZE);
            Label fix = new Label(I18n.t("vms.preflight.fix", p.fix()));
            fix.setWrapText(true);
            fix.getStyleClass().add("preflight-fix");
            fix.setMinHeight(Region.USE_PREF_SIZE);
            VBox one = new VBox(4, title, fix);
            one.getStyleClass().addAll("preflight-problem", p.blocking() ? "blocking" : "warning");
            list.getChildren().add(one);
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(420, 90 * check.problems().size()));
        scroll.setPrefWidth(640);
        getDialogPane().setContent(scroll);
        var css = PreflightDialog.class.getResource("/dev/sluice/ui/vms/VmsView.css");
        if (css != null) {
            getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        getDialogPane().getStyleClass().add("vms-view");
        ButtonType anyway = new ButtonType(I18n.t("vms.preflight.startAnyway"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().add(new ButtonType(I18n.t("common.close"), ButtonBar.ButtonData.CANCEL_CLOSE));
        if (!check.blocked()) {
            getDialogPane().getButtonTypes().add(anyway);
        }
        setResultConverter(b -> b == anyway);
    }

    /** True when the user chose to start despite warnings. */
    static boolean show(Window owner, StartCheck check) {
        return new PreflightDialog(owner, check).showAndWait().orElse(false);
    }
}
