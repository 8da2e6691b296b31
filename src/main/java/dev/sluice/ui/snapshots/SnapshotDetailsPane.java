package dev.sluice.ui.snapshots;

import dev.sluice.ui.common.I18n;
import dev.sluice.zfs.Hold;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsSizes;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** The selected snapshot's details: guid, creation, sizes, written since the previous one, holds, clones. */
final class SnapshotDetailsPane {
    private final Label title;
    private final GridPane grid;

    SnapshotDetailsPane(Label title, GridPane grid) {
        this.title = title;
        this.grid = grid;
        // the labels never shrink to "Written since …"; the values wrap instead
        javafx.scene.layout.ColumnConstraints keys = new javafx.scene.layout.ColumnConstraints();
        keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().setAll(keys, values);
    }

    void show(Snapshot s, List<Hold> holds) {
        grid.getChildren().clear();
        if (s == null) {
            title.setText(I18n.t("snapshots.details.none"));
            return;
        }
        title.setText(s.shortName());
        int row = 0;
        row = add(row, "snapshots.details.dataset", s.dataset());
        row = add(row, "snapshots.details.guid", s.guid());
        row = add(row, "snapshots.details.creation", SnapshotTable.time(s.creation()));
        row = add(row, "snapshots.details.createtxg", Long.toString(s.createtxg()));
        row = add(row, "snapshots.details.used", ZfsSizes.human(s.used()));
        row = add(row, "snapshots.details.referenced", ZfsSizes.human(s.referenced()));
        row = add(row, "snapshots.details.written", s.written() < 0 ? "–" : ZfsSizes.human(s.written()));
        String holdText;
        if (s.userRefs() == 0) {
            holdText = I18n.t("snapshots.details.noHolds");
        } else if (holds.isEmpty()) {
            holdText = Long.toString(s.userRefs());
        } else {
            holdText = holds.stream().map(h -> h.tag() + (h.created() != null ? " (" + SnapshotTable.time(h.created()) + ")"
                    : h.createdText() != null ? " (" + h.createdText() + ")" : "")).collect(Collectors.joining("\n"));
        }
        row = add(row, "snapshots.details.holds", holdText);
        add(row, "snapshots.details.clones", s.clones().isEmpty() ? I18n.t("snapshots.details.noClones")
                : String.join("\n", s.clones()));
    }

    private int add(int row, String key, String value) {
        Label k = new Label(I18n.t(key));
        k.getStyleClass().add("text-muted");
        Label v = new Label(value);
        v.setWrapText(true);
        v.getStyleClass().add("snapshot-detail-value");
        grid.addRow(row, k, v);
        return row + 1;
    }
}
