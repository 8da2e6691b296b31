package dev.sluice.ui.common.dialogs;

import atlantafx.base.theme.Styles;
import dev.sluice.ui.common.I18n;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "This is exactly what will run": the plan's sentence, its commands (monospace, selectable, "Copy as
 * shell"), for destructive plans what goes and an acknowledgement to tick. Returns true only when the
 * user pressed the confirm button. Node ids (for tests): {@code commandText}, {@code copyAsShell},
 * {@code detailsText}, {@code acknowledge}; the confirm button is {@link #confirmButton()}.
 */
public final class CommandConfirmDialog extends Dialog<Boolean> {
    private final ButtonType confirmType;

    public CommandConfirmDialog(Window owner, CommandPlan plan) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(plan.title());
        setHeaderText(plan.title());
        setResizable(true);
        getDialogPane().getStyleClass().add("command-confirm");
        if (plan.destructive()) {
            getDialogPane().getStyleClass().add("danger");
        }
        Dialogs.addStylesheet(getDialogPane());

        Label sentence = new Label(plan.sentence());
        sentence.setWrapText(true);
        sentence.setId("sentence");
        sentence.setMinHeight(Region.USE_PREF_SIZE);

        TextArea commands = new TextArea(plan.shellText());
        commands.setId("commandText");
        commands.setEditable(false);
        commands.setWrapText(false);
        commands.getStyleClass().add("command-text");
        commands.setPrefRowCount(Math.max(1, Math.min(6, plan.commands().size())) + 1);

        Button copy = new Button(I18n.t("common.dialog.copyAsShell"));
        copy.setId("copyAsShell");
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(plan.shellText() + "\n");
            Clipboard.getSystemClipboard().setContent(c);
        });
        Label commandsLabel = new Label(I18n.t("common.dialog.commands"));
        commandsLabel.getStyleClass().add(Styles.TEXT_BOLD);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox commandsHeader = new HBox(8, commandsLabel, spacer, copy);

        VBox content = new VBox(10, sentence);
        if (!plan.details().isEmpty()) {
            Label detailsLabel = new Label(plan.destructive() ? I18n.t("common.dialog.whatGoes", plan.details().size())
                    : I18n.t("common.dialog.details"));
            detailsLabel.getStyleClass().add(Styles.TEXT_BOLD);
            if (plan.destructive()) {
                detailsLabel.getStyleClass().add(Styles.DANGER);
            }
            TextArea details = new TextArea(String.join("\n", plan.details()));
            details.setId("detailsText");
            details.setEditable(false);
            details.getStyleClass().add("command-text");
            details.setPrefRowCount(Math.min(10, plan.details().size()) + 1);
            content.getChildren().addAll(detailsLabel, details);
        }
        content.getChildren().addAll(commandsHeader, commands);

        confirmType = new ButtonType(plan.confirmLabel() != null ? plan.confirmLabel() : I18n.t("common.dialog.run"),
                ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, confirmType);
        Button confirm = confirmButton();
        confirm.getStyleClass().add(plan.destructive() ? Styles.DANGER : Styles.ACCENT);
        // Enter must never destroy by accident: for destructive plans, Cancel stays the default.
        confirm.setDefaultButton(!plan.destructive());
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(plan.destructive());

        if (plan.acknowledgement() != null) {
            CheckBox ack = new CheckBox(plan.acknowledgement());
            ack.setId("acknowledge");
            ack.setMnemonicParsing(false); // it names datasets, which may contain underscores
            ack.setWrapText(true);
            confirm.disableProperty().bind(ack.selectedProperty().not());
            content.getChildren().add(ack);
        }
        content.setPadding(new Insets(4, 0, 0, 0));
        content.setPrefWidth(640);
        getDialogPane().setContent(content);
        setResultConverter(b -> b == confirmType);
    }

    public Button confirmButton() {
        return (Button) getDialogPane().lookupButton(confirmType);
    }

    /** Shows the plan and waits; true when the user confirmed. */
    public static boolean confirm(Window owner, CommandPlan plan) {
        Optional<Boolean> r = new CommandConfirmDialog(owner, plan).showAndWait();
        return r.orElse(false);
    }
}
