package dev.sluice.ui.volumes;

import atlantafx.base.theme.Styles;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.dialogs.NameAndSizeDialog;
import dev.sluice.ui.common.dialogs.Verdict;
import dev.sluice.zfs.ZfsSizes;
import javafx.beans.binding.ObjectBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The "New zvol" form: parent, name, size, thin, block size, encryption. Binds a {@link CreateZvolForm};
 * every check lives there. Returns true when the user pressed Create (only possible when valid).
 * Node ids: parentChoice, nameField, nameVerdict, sizeField, sizeVerdict, thinCheck,
 * blockSizeChoice, encryptionChoice, encryptionNote.
 */
public final class CreateZvolDialog extends Dialog<Boolean> {

    public CreateZvolDialog(Window owner, CreateZvolForm form) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(I18n.t("volumes.create.title"));
        setHeaderText(I18n.t("volumes.create.title"));
        var css = NameAndSizeDialog.class.getResource("dialogs.css");
        if (css != null) {
            getDialogPane().getStylesheets().add(css.toExternalForm());
        }

        ComboBox<String> parent = new ComboBox<>(form.parents());
        parent.setId("parentChoice");
        parent.valueProperty().bindBidirectional(form.parentProperty());
        parent.setMaxWidth(Double.MAX_VALUE);

        TextField name = new TextField();
        name.setId("nameField");
        name.setPromptText("vm-disk0");
        name.textProperty().bindBidirectional(form.nameProperty());

        TextField size = new TextField();
        size.setId("sizeField");
        size.setPromptText("10G");
        size.textProperty().bindBidirectional(form.sizeProperty());

        CheckBox thin = new CheckBox(I18n.t("volumes.create.thin"));
        thin.setId("thinCheck");
        thin.selectedProperty().bindBidirectional(form.thinProperty());

        ComboBox<Long> blockSize = new ComboBox<>();
        blockSize.setId("blockSizeChoice");
        blockSize.getItems().setAll(CreateZvolForm.BLOCK_SIZES);
        blockSize.valueProperty().bindBidirectional(form.blockSizeProperty());
        blockSize.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long v) {
                if (v == null) {
                    return "";
                }
                return v == 0 ? I18n.t("volumes.create.blockSize.default", ZfsSizes.format(form.defaultBlockSize()))
                        : ZfsSizes.format(v);
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });

        ComboBox<CreateZvolForm.Encryption> encryption = new ComboBox<>();
        encryption.setId("encryptionChoice");
        encryption.getItems().setAll(CreateZvolForm.Encryption.values());
        encryption.valueProperty().bindBidirectional(form.encryptionProperty());
        encryption.setConverter(new StringConverter<>() {
            @Override
            public String toString(CreateZvolForm.Encryption e) {
                return e == null ? "" : I18n.t(e == CreateZvolForm.Encryption.INHERIT
                        ? "volumes.create.encryption.inherit" : "volumes.create.encryption.new");
            }

            @Override
            public CreateZvolForm.Encryption fromString(String s) {
                return null;
            }
        });
        Label encryptionNote = hint("encryptionNote");
        encryptionNote.textProperty().bind(form.encryptionNoteProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        int r = 0;
        grid.addRow(r++, new Label(I18n.t("volumes.create.parent")), parent);
        grid.addRow(r++, new Label(I18n.t("volumes.create.name")), name);
        grid.add(verdict("nameVerdict", form.nameVerdictProperty()), 1, r++);
        grid.addRow(r++, new Label(I18n.t("volumes.create.size")), size);
        grid.add(verdict("sizeVerdict", form.sizeVerdictProperty()), 1, r++);
        grid.add(thin, 1, r++);
        grid.add(hint(null, I18n.t("volumes.create.thinNote")), 1, r++);
        grid.addRow(r++, new Label(I18n.t("volumes.create.blockSize")), blockSize);
        grid.addRow(r++, new Label(I18n.t("volumes.create.encryption")), encryption);
        grid.add(encryptionNote, 1, r);
        grid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(),
                new javafx.scene.layout.ColumnConstraints(360));
        getDialogPane().setContent(grid);

        ButtonType create = new ButtonType(I18n.t("volumes.create.confirm"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, create);
        Button ok = (Button) getDialogPane().lookupButton(create);
        ok.getStyleClass().add(Styles.ACCENT);
        ok.disableProperty().bind(form.validProperty().not());
        setResultConverter(b -> b == create);
        setOnShown(e -> name.requestFocus());
    }

    private static Label verdict(String id, ObjectBinding<Verdict> v) {
        Label l = hint(id);
        l.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> v.get().message(), v));
        NameAndSizeDialog.styleVerdict(l, v.get());
        v.addListener((o, was, now) -> NameAndSizeDialog.styleVerdict(l, now));
        return l;
    }

    private static Label hint(String id) {
        return hint(id, "");
    }

    private static Label hint(String id, String text) {
        Label l = new Label(text);
        if (id != null) {
            l.setId(id);
        }
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("field-hint");
        return l;
    }
}
