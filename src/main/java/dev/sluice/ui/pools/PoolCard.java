package dev.sluice.ui.pools;

import atlantafx.base.theme.Styles;
import dev.sluice.ui.common.I18n;
import dev.sluice.zfs.Health;
import dev.sluice.zfs.Vdev;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The card for one pool: name and health badge, capacity bar, fragmentation and dedup, scrub state
 * with its start/stop button, the vdev tree, and a slot for a throughput sparkline. Built fresh on
 * every refresh from an immutable {@link PoolItem}; it only displays and forwards clicks.
 */
final class PoolCard {
    private static final double ROW_HEIGHT = 28;

    private PoolCard() {
    }

    static VBox build(PoolItem item, Consumer<PoolItem> startScrub, Consumer<PoolItem> stopScrub,
                      Function<String, Node> sparklines) {
        Label name = new Label(item.name());
        name.getStyleClass().add("pool-name");
        Label badge = healthBadge(item.health());
        badge.setId("health-" + item.name());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        StackPane sparkSlot = new StackPane();
        sparkSlot.getStyleClass().add("sparkline-slot");
        sparkSlot.setId("sparkline-" + item.name());
        Node spark = sparklines == null ? null : sparklines.apply(item.name());
        Label sparkLabel = new Label(I18n.t("pools.sparkline.label"));
        sparkLabel.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        sparkLabel.setMinWidth(Region.USE_PREF_SIZE);
        sparkLabel.setVisible(spark != null);
        sparkLabel.setManaged(spark != null);
        if (spark != null) {
            sparkSlot.getChildren().add(spark);
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(I18n.t("pools.sparkline.tip", item.name()));
            javafx.scene.control.Tooltip.install(sparkSlot, tip);
            javafx.scene.control.Tooltip.install(sparkLabel, tip);
        }
        HBox header = new HBox(10, name, badge, spacer, sparkLabel, sparkSlot);
        header.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(10, header);
        card.getStyleClass().add("pool-card");
        card.setId("pool-" + item.name());

        if (item.problemText() != null) {
            Label problem = new Label(item.problemText());
            problem.setWrapText(true);
            problem.setMinHeight(Region.USE_PREF_SIZE);
            problem.getStyleClass().add("pool-problem");
            card.getChildren().add(problem);
        }

        ProgressBar capacity = new ProgressBar(item.capacityFraction());
        capacity.setMaxWidth(Double.MAX_VALUE);
        capacity.getStyleClass().addAll("capacity-bar", "capacity-" + item.capacityLevel().name().toLowerCase(Locale.ROOT));
        capacity.setId("capacity-" + item.name());
        Label capacityText = new Label(item.capacityText());
        switch (item.capacityLevel()) {
            case WARNING -> capacityText.getStyleClass().add("capacity-warning-text");
            case CRITICAL -> capacityText.getStyleClass().add("capacity-critical-text");
            default -> { }
        }
        HBox stats = new HBox(18, capacityText,
                stat(I18n.t("pools.fragmentation"), item.fragmentationText()),
                stat(I18n.t("pools.dedup"), item.dedupText()));
        stats.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().addAll(capacity, stats);

        Label scan = new Label(item.scanText());
        scan.setId("scan-" + item.name());
        scan.setWrapText(true);
        HBox.setHgrow(scan, Priority.ALWAYS);
        scan.setMaxWidth(Double.MAX_VALUE);
        HBox scanRow = new HBox(10, scan);
        scanRow.setAlignment(Pos.CENTER_LEFT);
        if (item.scan().errors() > 0) {
            scan.getStyleClass().add("scan-errors");
        }
        if (item.scanFraction() >= 0) {
            ProgressBar p = new ProgressBar(item.scanFraction());
            p.setPrefWidth(160);
            p.getStyleClass().add(Styles.SMALL);
            scanRow.getChildren().add(p);
        }
        if (item.canStopScrub()) {
            Button stop = new Button(I18n.t("pools.scrub.stop"));
            stop.setId("stopScrub-" + item.name());
            stop.setOnAction(e -> stopScrub.accept(item));
            scanRow.getChildren().add(stop);
        } else {
            Button start = new Button(I18n.t("pools.scrub.start"));
            start.setId("startScrub-" + item.name());
            start.setDisable(!item.canStartScrub());
            start.setOnAction(e -> startScrub.accept(item));
            scanRow.getChildren().add(start);
        }
        card.getChildren().add(scanRow);

        if (item.vdevRoot() != null) {
            card.getChildren().add(vdevTree(item));
        }
        return card;
    }

    private static Node stat(String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("stat-label");
        Label v = new Label(value);
        v.getStyleClass().add("stat-value");
        return new HBox(6, l, v);
    }

    static Label healthBadge(Health h) {
        Label badge = new Label(h.name());
        badge.getStyleClass().addAll("health-badge", switch (h) {
            case ONLINE, AVAIL, INUSE -> "health-ok";
            case DEGRADED, OFFLINE, REMOVED -> "health-warning";
            case FAULTED, UNAVAIL, SUSPENDED -> "health-critical";
            case UNKNOWN -> "health-unknown";
        });
        return badge;
    }

    private static TreeTableView<Vdev> vdevTree(PoolItem item) {
        Vdev root = item.vdevRoot();
        TreeItem<Vdev> rootItem = treeOf(root);
        TreeTableView<Vdev> table = new TreeTableView<>(rootItem);
        table.setId("vdevs-" + item.name());
        table.setShowRoot(true);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().addAll(Styles.DENSE, "vdev-tree");
        table.setFixedCellSize(ROW_HEIGHT);
        int rows = count(rootItem);
        // every row visible, no inner scroll bar: header (~34 px) + rows + borders
        table.setPrefHeight(ROW_HEIGHT * rows + 48); // a CJK or large font makes the header taller: never clip the last row
        table.setMinHeight(Region.USE_PREF_SIZE);

        TreeTableColumn<Vdev, String> nameCol = column(I18n.t("pools.vdev.name"), v -> v.name());
        nameCol.setPrefWidth(280);
        TreeTableColumn<Vdev, String> typeCol = column(I18n.t("pools.vdev.type"),
                v -> v.type().name().toLowerCase(Locale.ROOT) + (v.vdevClass() != null && !"normal".equals(v.vdevClass()) ? " (" + v.vdevClass() + ")" : ""));
        TreeTableColumn<Vdev, String> stateCol = column(I18n.t("pools.vdev.state"), v -> v.state().name());
        stateCol.setCellFactory(c -> new StyledCell(s -> s.equals("ONLINE") || s.equals("AVAIL") || s.equals("INUSE") ? null
                : s.equals("DEGRADED") || s.equals("OFFLINE") || s.equals("REMOVED") ? "vdev-state-warn" : "vdev-state-bad"));
        TreeTableColumn<Vdev, String> readCol = column(I18n.t("pools.vdev.read"), v -> errors(v.readErrors()));
        TreeTableColumn<Vdev, String> writeCol = column(I18n.t("pools.vdev.write"), v -> errors(v.writeErrors()));
        TreeTableColumn<Vdev, String> cksumCol = column(I18n.t("pools.vdev.cksum"), v -> errors(v.checksumErrors()));
        for (TreeTableColumn<Vdev, String> c : java.util.List.of(readCol, writeCol, cksumCol)) {
            c.setCellFactory(x -> new StyledCell(s -> s.equals("0") || s.equals("—") ? null : "vdev-errors"));
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
            c.setPrefWidth(70);
        }
        table.getColumns().setAll(java.util.List.of(nameCol, typeCol, stateCol, readCol, writeCol, cksumCol));
        table.setSortPolicy(t -> false);
        return table;
    }

    private static String errors(long n) {
        return n < 0 ? "—" : Long.toString(n);
    }

    private static TreeTableColumn<Vdev, String> column(String title, Function<Vdev, String> value) {
        TreeTableColumn<Vdev, String> c = new TreeTableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().getValue() == null ? "" : value.apply(f.getValue().getValue())));
        c.setSortable(false);
        return c;
    }

    private static TreeItem<Vdev> treeOf(Vdev v) {
        TreeItem<Vdev> item = new TreeItem<>(v);
        item.setExpanded(true);
        for (Vdev c : v.children()) {
            item.getChildren().add(treeOf(c));
        }
        return item;
    }

    private static int count(TreeItem<Vdev> item) {
        int n = 1;
        for (TreeItem<Vdev> c : item.getChildren()) {
            n += count(c);
        }
        return n;
    }

    /** A text cell that adds a style class chosen by its text (red for errors, amber for degraded). */
    private static final class StyledCell extends TreeTableCell<Vdev, String> {
        private final Function<String, String> styleOf;

        StyledCell(Function<String, String> styleOf) {
            this.styleOf = styleOf;
        }

        @Override
        protected void updateItem(String s, boolean empty) {
            super.updateItem(s, empty);
            getStyleClass().removeAll("vdev-state-bad", "vdev-state-warn", "vdev-errors");
            if (empty || s == null) {
                setText(null);
                return;
            }
            setText(s);
            String style = styleOf.apply(s);
            if (style != null) {
                getStyleClass().add(style);
            }
        }
    }
}
