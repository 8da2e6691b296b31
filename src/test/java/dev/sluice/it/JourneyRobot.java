package dev.sluice.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.animation.KeyFrame;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.animation.Timeline;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.ContextMenuEvent;
import javafx.stage.Window;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a journey does with the screen: find a visible control by its text or id in any window, click
 * it, type into it, wait for the app, take a picture; and a watcher that remembers every error or
 * warning the app showed (toasts, notices), so that a journey fails on one it did not expect.
 */
final class JourneyRobot {
    private final FxRobot robot;
    private final Path shots;
    private final Set<String> errorsSeen = new LinkedHashSet<>();
    private Timeline watcher;

    JourneyRobot(FxRobot robot, Path shots) {
        this.robot = robot;
        this.shots = shots;
    }

    FxRobot fx() {
        return robot;
    }

    // ---- waiting ----------------------------------------------------------------------------

    static void waitUntil(String what, int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                try {
                    return condition.call();
                } catch (RuntimeException e) {
                    return false;
                }
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what, e);
        }
    }

    // ---- finding ----------------------------------------------------------------------------

    /** Every showing window, newest (top-most dialog) last. */
    static List<Window> windows() {
        List<Window> all = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null) {
                all.add(w);
            }
        }
        return all;
    }

    private static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    /** The visible nodes matching {@code selector} in every showing window, top-most window first. */
    static List<Node> all(String selector) {
        List<Node> found = new ArrayList<>();
        List<Window> ws = windows();
        for (int i = ws.size() - 1; i >= 0; i--) {
            ws.get(i).getScene().getRoot().lookupAll(selector).stream().filter(JourneyRobot::visible).forEach(found::add);
        }
        return found;
    }

    /** Every visible Labeled (buttons, labels, cells, menu items' labels) in every showing window, top-most first. */
    static List<Labeled> labeleds() {
        List<Labeled> found = new ArrayList<>();
        List<Window> ws = windows();
        for (int i = ws.size() - 1; i >= 0; i--) {
            collect(ws.get(i).getScene().getRoot(), found);
        }
        return found;
    }

    static List<Labeled> labeledsIn(Node n) {
        List<Labeled> found = new ArrayList<>();
        collect(n, found);
        return found;
    }

    private static void collect(Node n, List<Labeled> into) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l) {
            into.add(l);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, into);
            }
        }
    }

    static Optional<Node> find(String selector) {
        return all(selector).stream().findFirst();
    }

    /** A visible, enabled button (or menu button, toggle…) whose text is {@code text}, top-most window first. */
    static Optional<Labeled> labeled(String text) {
        return labeleds().stream().filter(l -> text.equals(l.getText()) && !l.isDisabled()).findFirst();
    }

    static boolean shows(String text) {
        return labeleds().stream().anyMatch(l -> l.getText() != null && l.getText().contains(text));
    }

    // ---- acting -----------------------------------------------------------------------------

    void click(String textOrSelector) {
        waitUntil("a clickable '" + textOrSelector + "'", 60, () -> target(textOrSelector).isPresent());
        for (int attempt = 1; ; attempt++) {
            try {
                clickOn(target(textOrSelector).orElseThrow());
                return;
            } catch (RuntimeException detached) {
                // the node left its scene between finding and clicking (a submenu re-shown, a list refreshed): find it again
                if (attempt == 3) {
                    throw detached;
                }
                sleep(300);
                waitUntil("a clickable '" + textOrSelector + "' again", 30, () -> target(textOrSelector).isPresent());
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Clicks {@code n}; its window gets the keyboard first, as a desktop's window manager does on a click
     * (headless Monocle moves the focus only when a window opens, so keys would go to the last one opened).
     */
    void clickOn(Node n) {
        focus(n.getScene().getWindow());
        robot.clickOn(n);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Gives {@code w} the keyboard, unless it is a popup (menus take no focus of their own). */
    void focus(Window w) {
        if (w instanceof javafx.stage.Stage s) { // also when it says it is focused: Monocle's idea may differ
            robot.interact(s::requestFocus);
        }
    }

    private static Optional<Node> target(String textOrSelector) {
        if (textOrSelector.startsWith("#") || textOrSelector.startsWith(".")) {
            return find(textOrSelector).filter(n -> !n.isDisabled());
        }
        return labeled(textOrSelector).map(Node.class::cast);
    }

    /**
     * Right-clicks {@code n} and waits for its context menu. On a desktop, Glass turns the right
     * click into a {@link ContextMenuEvent}; headless Monocle never does (its MouseInput has no
     * notifyMenu), so when no menu shows, the event a desktop would send is fired at the node.
     */
    void rightClick(Node n) {
        robot.rightClickOn(n);
        WaitForAsyncUtils.waitForFxEvents();
        if (windows().stream().noneMatch(w -> w instanceof ContextMenu)) {
            robot.interact(() -> {
                Bounds b = n.localToScreen(n.getBoundsInLocal());
                Point2D local = n.screenToLocal(b.getCenterX(), b.getCenterY());
                Event.fireEvent(n, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(),
                        b.getCenterX(), b.getCenterY(), false, null));
            });
        }
        waitUntil("a context menu", 10, () -> windows().stream().anyMatch(w -> w instanceof ContextMenu));
    }

    /** The text, disabled and visible state of every item in every showing context menu (for failure messages). */
    static String menus() {
        StringBuilder sb = new StringBuilder();
        for (Window w : windows()) {
            if (w instanceof ContextMenu m) {
                m.getItems().forEach(i -> sb.append('[').append(i.getText()).append(i.isDisable() ? " disabled" : "")
                        .append(i.isVisible() ? "" : " hidden").append(i instanceof javafx.scene.control.Menu s
                                ? " ▸ " + s.getItems().stream().map(x -> x.getText() + (x.isDisable() ? " (disabled)" : "")).toList() : "")
                        .append("] "));
            }
        }
        return sb.length() == 0 ? "no context menu shows" : sb.toString();
    }

    /** Closes whatever a failed step left open (dialogs, popups, extra windows) so the next step starts clean. */
    void tidy(Window main) {
        robot.interact(() -> {
            for (Window w : new ArrayList<>(windows())) {
                if (w instanceof javafx.stage.PopupWindow p) {
                    p.hide();
                } else if (w != main && w instanceof javafx.stage.Stage s) {
                    s.close();
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Opens the submenu {@code menu} of a showing menu and clicks its {@code item}, moving along the menu's
     * row into the submenu first, as a user does: the straight way to an item further down crosses the
     * next item of the menu, which closes the submenu.
     */
    void clickSubmenu(String menu, String item) {
        click(menu);
        waitUntil("the submenu item '" + item + "'", 30, () -> target(item).isPresent());
        Bounds from = labeled(menu).orElseThrow().localToScreen(labeled(menu).orElseThrow().getBoundsInLocal());
        Node to = target(item).orElseThrow();
        Bounds at = to.localToScreen(to.getBoundsInLocal());
        robot.moveTo(at.getMinX() + Math.min(12, at.getWidth() / 2), from.getCenterY());
        WaitForAsyncUtils.waitForFxEvents();
        click(item);
    }

    /** Replaces the text of the field {@code selector} by typing, as a user does. */
    void type(String selector, String text) {
        waitUntil("the field " + selector, 60, () -> find(selector).isPresent());
        TextInputControl f = (TextInputControl) find(selector).orElseThrow();
        robot.clickOn(f);
        robot.interact(f::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        if (!text.equals(f.getText())) {
            robot.interact(() -> f.setText(text)); // an input method ate a character: the journey is about the app
        }
    }

    /** Clicks the confirming button (OK_DONE) of the top-most dialog once it is enabled. */
    void confirmDialog() {
        waitUntil("a dialog to confirm", 120, () -> okButton().isPresent());
        robot.clickOn(okButton().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Optional<Button> okButton() {
        List<Window> ws = windows();
        for (int i = ws.size() - 1; i >= 0; i--) {
            Parent root = ws.get(i).getScene().getRoot();
            if (root instanceof DialogPane pane) {
                for (Node n : pane.lookupAll(".button")) {
                    if (n instanceof Button b && ButtonBar.getButtonData(b) == ButtonBar.ButtonData.OK_DONE && visible(b)) {
                        return b.isDisabled() ? Optional.empty() : Optional.of(b);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static boolean dialogShows() {
        return windows().stream().anyMatch(w -> w.getScene().getRoot() instanceof DialogPane);
    }

    // ---- errors -----------------------------------------------------------------------------

    /** Error and warning texts on screen now: toasts, notices above the content, atlantafx notifications. */
    static List<String> errorsOnScreen() {
        List<String> out = new ArrayList<>();
        for (Node n : all(".toast")) {
            if (n.getStyleClass().contains("toast-error") || n.getStyleClass().contains("toast-warning")) {
                n.lookupAll(".toast-text").forEach(t -> out.add("toast: " + ((Label) t).getText()));
            }
        }
        for (Node n : all(".notice")) {
            if (n.getStyleClass().contains("danger") || n.getStyleClass().contains("warning")) {
                atlantafx.base.controls.Message m = (atlantafx.base.controls.Message) n;
                out.add("notice: " + m.getTitle() + " — " + m.getDescription());
            }
        }
        for (Node n : all(".notification")) {
            if (n instanceof atlantafx.base.controls.Notification t
                    && (n.getStyleClass().contains("danger") || n.getStyleClass().contains("warning"))) {
                out.add("notification: " + t.getMessage());
            }
        }
        return out;
    }

    /** From now on, every error or warning that shows (even briefly) is remembered. */
    void watchForErrors() {
        robot.interact(() -> {
            watcher = new Timeline(new KeyFrame(Duration.millis(200), e -> errorsSeen.addAll(errorsOnScreen())));
            watcher.setCycleCount(Timeline.INDEFINITE);
            watcher.play();
        });
    }

    /** Forgets what showed so far (after a failed step, so that the next one is judged on its own). */
    void forgetErrors() {
        robot.interact(errorsSeen::clear);
    }

    /** Fails if any error or warning showed since the last call; {@code expected} ones are allowed. */
    void assertNoErrors(String when, String... expected) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> errorsSeen.addAll(errorsOnScreen()));
        List<String> unexpected = errorsSeen.stream()
                .filter(e -> java.util.Arrays.stream(expected).noneMatch(e::contains)).toList();
        errorsSeen.clear();
        if (!unexpected.isEmpty()) {
            throw new AssertionError(when + ": the app showed " + unexpected);
        }
    }

    // ---- pictures ---------------------------------------------------------------------------

    /** The top-most window (a dialog, or the main window) as {@code <shots>/<name>.png}. */
    void shot(String name) {
        List<Window> ws = windows();
        shot(name, ws.get(ws.size() - 1).getScene());
    }

    void shot(String name, Scene scene) {
        robot.interact(() -> {
            try {
                Files.createDirectories(shots);
                File f = shots.resolve(name + ".png").toFile();
                ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", f);
            } catch (Exception e) {
                throw new AssertionError("screenshot " + name + ": " + e, e);
            }
        });
    }
}
