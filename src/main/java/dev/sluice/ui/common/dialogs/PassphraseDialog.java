package dev.sluice.ui.common.dialogs;

import atlantafx.base.theme.Styles;
import dev.sluice.ui.common.I18n;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for a passphrase, masked. For a new key ({@code confirm}) it asks twice and enforces OpenZFS's
 * rule (8 to 512 characters) before OK is enabled, so the user learns it here rather than from zfs.
 * The result is a {@link Passphrase} the caller closes; the fields are cleared as soon as it is read.
 * Nothing here logs. Node ids: {@code passphrase}, {@code passphraseConfirm}, {@code passphraseProblem}.
 */
public final class PassphraseDialog extends Dialog<Passphrase> {
    /** OpenZFS accepts passphrases of 8 to 512 bytes. */
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 512;

    private final PasswordField field = new PasswordField();
    private final PasswordField again = new PasswordField();
    private final Label problem = new Label();

    public PassphraseDialog(Window owner, String title, String sentence, boolean confirm) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(title);
        setHeaderText(title);
        Dialogs.addStylesheet(getDialogPane());
        field.setId("passphrase");
        again.setId("passphraseConfirm");
        problem.setId("passphraseProblem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);

        Label text = new Label(sentence);
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label(I18n.t("common.passphrase.label")), field);
        if (confirm) {
            grid.addRow(1, new Label(I18n.t("common.passphrase.confirm")), again);
        }
        field.setPrefColumnCount(28);
        VBox box = new VBox(10, text, grid, problem);
        box.setPrefWidth(460);
        getDialogPane().setContent(box);

        ButtonType ok = new ButtonType(I18n.t("common.ok"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        Button okButton = (Button) getDialogPane().lookupButton(ok);
        okButton.getStyleClass().add(Styles.ACCENT);

        StringBinding problemText = Bindings.createStringBinding(
                () -> problemOf(field.getText(), confirm ? again.getText() : null),
                field.textProperty(), again.textProperty());
        problem.textProperty().bind(problemText);
        okButton.disableProperty().bind(problemText.isNotEmpty().or(field.textProperty().isEmpty()));

        setResultConverter(b -> {
            Passphrase p = b == ok ? Passphrase.of(field.getText().toCharArray()) : null;
            field.clear();
            again.clear();
            return p;
        });
        setOnShown(e -> field.requestFocus());
    }

    /** What is wrong with the typed text, or "" when it is acceptable. {@code again} null: no confirmation asked. */
    static String problemOf(String text, String again) {
        if (again == null) {
            return "";
        }
        if (text.isEmpty()) {
            return "";
        }
        int bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes < MIN_LENGTH) {
            return I18n.t("common.passphrase.tooShort", MIN_LENGTH);
        }
        if (bytes > MAX_LENGTH) {
            return I18n.t("common.passphrase.tooLong", MAX_LENGTH);
        }
        if (!text.equals(again)) {
            return I18n.t("common.passphrase.mismatch");
        }
        return "";
    }

    /** Shows the dialog; empty when cancelled. The caller closes the passphrase after use. */
    public static Optional<Passphrase> ask(Window owner, String title, String sentence, boolean confirm) {
        return new PassphraseDialog(owner, title, sentence, confirm).showAndWait();
    }
}
