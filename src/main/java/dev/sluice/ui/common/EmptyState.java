package dev.sluice.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/**
 * What a view shows when it has nothing to show: an icon, a title, one sentence saying why, and
 * the next step (optionally a button that takes it). Never placeholder data.
 */
public final class EmptyState implements FeatureView {
    private final StackPane pane;

    public EmptyState(String iconPath, String title, String sentence, String nextStep) {
        this(iconPath, title, sentence, nextStep, null, null);
    }

    public EmptyState(String iconPath, String title, String sentence, String nextStep, String actionText, Runnable action) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setWrapText(true);
        heading.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label why = wrapped(sentence, Styles.TEXT_MUTED);
        Label next = wrapped(nextStep, Styles.TEXT_SMALL);
        next.getStyleClass().add("next-step");
        VBox root = new VBox(12, icon(iconPath), heading, why, next);
        if (actionText != null && action != null) {
            Button b = new Button(actionText);
            b.getStyleClass().add(Styles.BUTTON_OUTLINED);
            b.setOnAction(e -> action.run());
            root.getChildren().add(b);
        }
        root.setAlignment(Pos.CENTER);
        root.setMaxWidth(600);
        root.getStyleClass().add("empty-state");
        pane = new StackPane(root);
        pane.getStyleClass().add("empty-state-pane");
    }

    private static Node icon(String path) {
        SVGPath svg = new SVGPath();
        svg.setContent(path);
        svg.setScaleX(2.4);
        svg.setScaleY(2.4);
        svg.getStyleClass().add("empty-state-icon");
        StackPane holder = new StackPane(svg);
        holder.setMinSize(72, 72);
        holder.setPrefSize(72, 72);
        holder.setMaxSize(72, 72);
        holder.getStyleClass().add("empty-state-icon-holder");
        return holder;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }

    @Override
    public Parent root() {
        return pane;
    }
}
