package dev.sluice.app;

import atlantafx.base.theme.Styles;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.ui.common.I18n;
import java.io.File;
import java.nio.file.Files;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** "Add SSH host…": binds {@link AddHostViewModel} to a small form; OK only when the form is valid. */
final class AddHostDialog {
    private AddHostDialog() {
    }

    static Optional<Host> ask(Window owner, MainViewModel main) {
        AddHostViewModel vm = new AddHostViewModel(
                main.hosts().stream().map(Host::id).collect(Collectors.toSet()),
                p -> Files.isRegularFile(p) && Files.isReadable(p));
        Dialog<Host> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(I18n.t("app.addhost.title"));
        d.setHeaderText(I18n.t("app.addhost.header"));
        ButtonType add = new ButtonType(I18n.t("app.addhost.add"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(add, new ButtonType(I18n.t("common.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        d.getDialogPane().setContent(form(vm, d));
        Node ok = d.getDialogPane().lookupButton(add);
        ok.getStyleClass().add(Styles.ACCENT);
        ok.disableProperty().bind(vm.validProperty().not());
        d.setResultConverter(b -> b == add && vm.validProperty().get() ? vm.toHost() : null);
        return d.showAndWait();
    }

    private static Node form(AddHostViewModel vm, Dialog<Host> d) {
        TextField target = new TextField();
        target.setId("addhost-target");
        target.setPromptText(I18n.t("app.addhost.target.prompt"));
        target.textProperty().bindBidirectional(vm.targetProperty());
        TextField port = new TextField();
        port.setId("addhost-port");
        port.setPromptText("22");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(vm.portProperty());
        TextField identity = new TextField();
        identity.setId("addhost-identity");
        identity.setPromptText(I18n.t("app.addhost.identity.prompt"));
        identity.textProperty().bindBidirectional(vm.identityFileProperty());
        Button browse = new Button(I18n.t("app.addhost.browse"));
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            File ssh = new File(System.getProperty("user.home"), ".ssh");
            if (ssh.isDirectory()) {
                fc.setInitialDirectory(ssh);
            }
            File f = fc.showOpenDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                identity.setText(f.getPath());
            }
        });
        HBox.setHgrow(identity, Priority.ALWAYS);
        ComboBox<Elevation> mode = new ComboBox<>();
        mode.setId("addhost-elevation");
        mode.getItems().setAll(Elevation.values());
        mode.setCellFactory(lv -> elevationCell());
        mode.setButtonCell(elevationCell());
        mode.valueProperty().bindBidirectional(vm.elevationProperty());
        Label modeHelp = hint("");
        modeHelp.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> I18n.t("app.addhost.elevation.help." + vm.elevationProperty().get().name().toLowerCase(java.util.Locale.ROOT)),
                vm.elevationProperty()));
        Label problem = new Label();
        problem.setId("addhost-problem");
        problem.setWrapText(true);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.textProperty().bind(vm.problemProperty());
        problem.getStyleClass().add(Styles.DANGER);
        // An empty form is not an error yet: stay quiet until the user typed something.
        problem.visibleProperty().bind(vm.targetProperty().isNotEmpty().or(vm.portProperty().isNotEmpty()));

        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        g.addRow(row++, new Label(I18n.t("app.addhost.target")), target);
        g.add(hint(I18n.t("app.addhost.target.help")), 1, row++);
        g.addRow(row++, new Label(I18n.t("app.addhost.port")), port);
        g.addRow(row++, new Label(I18n.t("app.addhost.identity")), new HBox(8, identity, browse));
        g.add(hint(I18n.t("app.addhost.identity.help")), 1, row++);
        g.addRow(row++, new Label(I18n.t("app.addhost.elevation")), mode);
        g.add(modeHelp, 1, row++);
        VBox box = new VBox(14, g, problem);
        box.setPrefWidth(560);
        return box;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setPrefWidth(440);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return l;
    }

    private static ListCell<Elevation> elevationCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Elevation e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : MainWindow.elevationLabel(e));
            }
        };
    }
}
