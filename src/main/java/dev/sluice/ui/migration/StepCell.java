package dev.sluice.ui.migration;

import dev.sluice.migrate.StepStatus;
import dev.sluice.ui.common.I18n;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A step in the review and progress lists: state icon, title, its commands in monospace, and its note. */
final class StepCell extends ListCell<StepRow> {
    private final Label icon = new Label();
    private final Label title = new Label();
    private final Label state = new Label();
    private final Label commands = new Label();
    private final Label message = new Label();
    private final VBox text = new VBox(2, title, commands, message);
    private final HBox box = new HBox(10, icon, text, new Region(), state);
    private final boolean live;
    private final ChangeListener<Object> refresh = (o, a, b) -> show(getItem());

    StepCell(boolean live) {
        this.live = live;
        getStyleClass().add("step-cell");
        icon.getStyleClass().add("step-icon");
        title.getStyleClass().add("step-title");
        state.getStyleClass().add("step-state");
        commands.getStyleClass().add("step-commands");
        message.getStyleClass().add("step-message");
        for (Label l : new Label[] {title, commands, message}) {
            l.setWrapText(true);
            // a wrapped label must grow downwards, not end in "..."
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(StepRow row, boolean empty) {
        StepRow old = getItem();
        if (old != null) {
            old.statusProperty().removeListener(refresh);
            old.messageProperty().removeListener(refresh);
        }
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        row.statusProperty().addListener(refresh);
        row.messageProperty().addListener(refresh);
        show(row);
        if (getListView() != null) {
            text.prefWidthProperty().bind(getListView().widthProperty().subtract(live ? 170 : 80));
        }
        setGraphic(box);
    }

    private void show(StepRow row) {
        if (row == null) {
            return;
        }
        StepStatus s = row.status();
        icon.setText(glyph(s));
        icon.getStyleClass().removeIf(c -> c.startsWith("status-"));
        icon.getStyleClass().add("status-" + s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        title.setText(row.title());
        commands.setText(String.join("\n", row.commands().stream().map(c -> c.startsWith("#") ? c : "$ " + c).toList()));
        commands.setVisible(!row.commands().isEmpty());
        commands.setManaged(!row.commands().isEmpty());
        String m = row.messageProperty().get();
        message.setText(m);
        message.setVisible(!m.isEmpty());
        message.setManaged(!m.isEmpty());
        state.setText(live ? I18n.t("migrate.status." + s.name()) : "");
    }

    static String glyph(StepStatus s) {
        return switch (s) {
            case PENDING -> "○";
            case RUNNING -> "▶";
            case DONE -> "✔";
            case FAILED, UNDO_FAILED -> "✖";
            case UNDOING -> "↺";
            case UNDONE -> "↩";
            case SKIPPED -> "–";
        };
    }
}
