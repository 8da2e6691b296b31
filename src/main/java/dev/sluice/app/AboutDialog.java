package dev.sluice.app;

import atlantafx.base.theme.Styles;
import dev.sluice.config.AppDirs;
import dev.sluice.ui.common.I18n;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** F1: what Sluice is, its version, and where it keeps settings and logs. */
final class AboutDialog {
    private AboutDialog() {
    }

    static String version() {
        String v = AboutDialog.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    static void show(Window owner, AppDirs dirs) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle(I18n.t("app.about.title"));
        a.setHeaderText(I18n.t("app.title") + " " + version());
        a.setGraphic(new ImageView(AppIcon.image(64)));
        Label what = new Label(I18n.t("app.about.text"));
        what.setWrapText(true);
        Label where = new Label(I18n.t("app.about.where"));
        where.getStyleClass().add(Styles.TEXT_BOLD);
        TextArea paths = new TextArea(I18n.t("app.about.paths", dirs.config(), dirs.state(), dirs.cache()));
        paths.setEditable(false);
        paths.setPrefRowCount(3);
        paths.setWrapText(true);
        VBox box = new VBox(10, what, where, paths);
        box.setPrefWidth(520);
        a.getDialogPane().setContent(box);
        a.showAndWait();
    }
}
