package dev.sluice.ui.common.dialogs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.host.Command;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ToastNotifications;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SharedDialogsFxTest {
    private Stage stage;
    private ToastNotifications toasts;

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ROOT);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        StackPane root = new StackPane();
        toasts = ToastNotifications.overlay(root);
        stage.setScene(new Scene(root, 800, 600));
        stage.show();
        this.stage = stage;
    }

    private Button button(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").match(n -> text.equals(((Button) n).getText())).queryButton();
    }

    @Test
    void confirmDialogShowsCommandsCopiesThemAndGatesDangerBehindTheAcknowledgement(FxRobot robot) {
        CommandPlan plan = CommandPlan.destructive("Destroy tank/vm", "tank/vm and 2 snapshots go.",
                        List.of(Command.of("zfs", "destroy", "-r", "tank/vm"),
                                Command.of("zfs", "load-key", "tank/x").withSecretStdin("s3cret-pass".getBytes(StandardCharsets.UTF_8))),
                        List.of("tank/vm@a", "tank/vm@b", "tank/vm"))
                .withAcknowledgement("I understand").withConfirmLabel("Destroy");
        AtomicReference<Boolean> result = new AtomicReference<>();
        robot.interact(() -> {
            CommandConfirmDialog d = new CommandConfirmDialog(stage, plan);
            d.setOnHidden(e -> result.set(d.getResult()));
            d.show();
        });
        TextArea commands = robot.lookup("#commandText").queryAs(TextArea.class);
        assertFalse(commands.isEditable());
        assertTrue(commands.getText().startsWith("zfs destroy -r tank/vm\n"));
        assertEquals("tank/vm@a\ntank/vm@b\ntank/vm", robot.lookup("#detailsText").queryAs(TextArea.class).getText());
        robot.clickOn("#copyAsShell");
        String copied = fxGet(robot, () -> Clipboard.getSystemClipboard().getString());
        assertTrue(copied.contains("zfs destroy -r tank/vm"));
        assertFalse(copied.contains("s3cret-pass"));
        Button destroy = button(robot, "Destroy");
        assertTrue(destroy.isDisabled());
        assertTrue(robot.lookup(".dialog-pane").query().getStyleClass().contains("danger"));
        robot.clickOn("#acknowledge");
        robot.clickOn(destroy);
        assertEquals(Boolean.TRUE, result.get());
    }

    @Test
    void passphraseDialogAsksTwiceForANewKeyAndClearsItsFields(FxRobot robot) {
        AtomicReference<Passphrase> result = new AtomicReference<>();
        AtomicReference<PassphraseDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            PassphraseDialog d = new PassphraseDialog(stage, "New key", "Choose it.", true);
            dialog.set(d);
            d.setOnHidden(e -> result.set(d.getResult()));
            d.show();
        });
        robot.clickOn("#passphrase").write("short");
        robot.clickOn("#passphraseConfirm").write("short");
        assertEquals("Too short: OpenZFS needs at least 8 characters.",
                robot.lookup("#passphraseProblem").queryAs(Label.class).getText());
        assertTrue(button(robot, "OK").isDisabled());
        robot.clickOn("#passphrase").write("-but-longer");
        assertEquals("The two passphrases differ. Type the same passphrase twice.",
                robot.lookup("#passphraseProblem").queryAs(Label.class).getText());
        robot.clickOn("#passphraseConfirm").write("-but-longer");
        assertFalse(button(robot, "OK").isDisabled());
        javafx.scene.control.PasswordField field = robot.lookup("#passphrase").queryAs(javafx.scene.control.PasswordField.class);
        robot.clickOn(button(robot, "OK"));
        try (Passphrase p = result.get()) {
            assertEquals("short-but-longer", new String(p.utf8(), StandardCharsets.UTF_8));
        }
        assertEquals("", field.getText(), "field cleared once read");
    }

    @Test
    void nameAndSizeDialogShowsVerdictsLiveAndEnablesOkOnlyWhenBothAreFine(FxRobot robot) {
        robot.interact(() -> NameAndSizeDialog.builder("Clone")
                .name("Name", "", s -> s.contains("*") ? Verdict.problem("no stars") : Verdict.ok("fine"))
                .size("Size", "", s -> s.endsWith("G") ? Verdict.ok("= " + s) : Verdict.problem("say 10G"))
                .build(stage).show());
        robot.clickOn("#nameField").write("a*b");
        assertEquals("no stars", robot.lookup("#nameVerdict").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#nameVerdict").queryAs(Label.class).getStyleClass().contains("field-problem"));
        robot.clickOn("#sizeField").write("10G");
        assertEquals("= 10G", robot.lookup("#sizeVerdict").queryAs(Label.class).getText());
        assertTrue(button(robot, "OK").isDisabled());
        robot.doubleClickOn("#nameField").eraseText(3).write("ab");
        assertFalse(button(robot, "OK").isDisabled());
        robot.clickOn(button(robot, "Cancel"));
    }

    @Test
    void toastsShowTextAndErrorsStayUntilClosed(FxRobot robot) {
        robot.interact(() -> {
            toasts.success("Zvol tank/a created.");
            toasts.error("Cannot destroy 'tank/a': it is busy.");
        });
        assertEquals(List.of("Zvol tank/a created.", "Cannot destroy 'tank/a': it is busy."), toasts.visibleTexts());
        robot.clickOn(robot.lookup(".toast-error .toast-close").queryButton());
        assertEquals(List.of("Zvol tank/a created."), toasts.visibleTexts());
    }

    private static String fxGet(FxRobot robot, java.util.function.Supplier<String> s) {
        AtomicReference<String> r = new AtomicReference<>();
        robot.interact(() -> r.set(s.get()));
        return r.get();
    }
}
