package dev.sluice.ui.snapshots;

import atlantafx.base.theme.Styles;
import dev.sluice.host.Command;
import dev.sluice.ui.common.I18n;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The snapshot questions as JavaFX dialogs, owned by the main window. */
final class FxSnapshotDialogs implements SnapshotDialogs {

    private final Supplier<Window> owner;

    FxSnapshotDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    <T> Dialog<T> dialog(String title, String header) {
        Dialog<T> d = new Dialog<>();
        Window w = owner.get();
        if (w != null) {
            d.initOwner(w);
        }
        d.setTitle(title);
        d.setHeaderText(header);
        d.setResizable(true);
        d.getDialogPane().getStyleClass().add("snapshot-dialog");
        d.getDialogPane().setPrefWidth(640);
        d.getDialogPane().setMinWidth(560);
        return d;
    }

    /** The commands, one a line, read-only and selectable so they can be copied. */
    static TextArea commandBox(List<String> lines) {
        TextArea box = new TextArea(String.join("\n", lines));
        box.setEditable(false);
        box.setWrapText(true);
        box.setPrefRowCount(Math.min(8, Math.max(2, lines.size() + 1)));
        box.getStyleClass().add("snapshot-commands");
        box.setStyle("-fx-font-family: monospace;");
        box.setId("commands");
        return box;
    }

    static Label caption(String key) {
        Label l = new Label(I18n.t(key));
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        return l;
    }

    @Override
    public boolean confirm(Confirmation c) {
        Dialog<ButtonType> d = dialog(c.title(), c.title());
        VBox body = new VBox(8, wrapped(c.message()));
        if (!c.goingAway().isEmpty()) {
            body.getChildren().addAll(caption("snapshots.dialog.goingAway"), goingAwayBox(c.goingAway()));
        }
        body.getChildren().addAll(caption("snapshots.dialog.commands"),
                commandBox(c.commands().stream().map(Command::toShell).toList()));
        d.getDialogPane().setContent(body);
        ButtonType run = new ButtonType(I18n.t(c.destructive() ? "snapshots.dialog.destroy" : "snapshots.dialog.run"),
                ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
        Node runButton = d.getDialogPane().lookupButton(run);
        runButton.getStyleClass().add(c.destructive() ? Styles.DANGER : Styles.ACCENT);
        runButton.setId("confirm-run");
        if (c.destructive()) {
            // a destructive confirm never runs on a stray Enter
            ((Button) runButton).setDefaultButton(false);
            ((Button) d.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        }
        return d.showAndWait().filter(b -> b == run).isPresent();
    }

    static TextArea goingAwayBox(List<String> names) {
        TextArea box = commandBox(names);
        box.setId("going-away");
        box.getStyleClass().add("going-away");
        return box;
    }

    @Override
    public Optional<String> askName(NamePrompt p) {
        Dialog<String> d = dialog(p.title(), p.title());
        TextField field = new TextField(p.initial());
        field.setId("name-field");
        Label problem = wrapped("");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setId("name-problem");
        d.getDialogPane().setContent(new VBox(8, wrapped(p.message()), field, problem));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = d.getDialogPane().lookupButton(ButtonType.OK);
        Runnable check = () -> {
            Optional<String> why = p.check().apply(field.getText());
            problem.setText(why.orElse(""));
            ok.setDisable(why.isPresent());
        };
        field.textProperty().addListener(o -> check.run());
        check.run();
        d.setResultConverter(b -> b == ButtonType.OK ? field.getText().strip() : null);
        d.setOnShown(e -> field.requestFocus());
        return d.showAndWait();
    }

    @Override
    public Optional<RollbackChoice> rollback(RollbackRequest request) {
        return new RollbackDialog(this, request).showAndWait();
    }

    @Override
    public boolean offerToStopUser(String zvol, String user, boolean canStop) {
        Alert a = new Alert(Alert.AlertType.WARNING);
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
        }
        a.setTitle(I18n.t("snapshots.inUse.title"));
        a.setHeaderText(I18n.t("snapshots.inUse.header", zvol, user));
        a.setContentText(I18n.t(canStop ? "snapshots.inUse.canStop" : "snapshots.inUse.cannotStop", user));
        ButtonType stop = new ButtonType(I18n.t("snapshots.inUse.stop", user), ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(canStop ? List.of(stop, ButtonType.CANCEL) : List.of(ButtonType.CLOSE));
        return a.showAndWait().filter(b -> b == stop).isPresent();
    }
}
