package dev.sluice.ui.snapshots;

import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsSizes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** The snapshot list's columns: sortable by their real values (times, bytes), shown in the admin's units. */
final class SnapshotTable {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private SnapshotTable() {
    }

    static void configure(SnapshotTimelineView v) {
        // the rows arrive sorted (the ViewModel sorts off the FX thread): a header click only tells it the order
        v.table().setItems(v.vm().rows());
        Map<TableColumn<Snapshot, ?>, SnapshotSort.Column> columns = new HashMap<>();
        columns.put(v.nameColumn(), SnapshotSort.Column.NAME);
        columns.put(v.datasetColumn(), SnapshotSort.Column.DATASET);
        columns.put(v.creationColumn(), SnapshotSort.Column.CREATION);
        columns.put(v.sizeColumns().get(0), SnapshotSort.Column.USED);
        columns.put(v.sizeColumns().get(1), SnapshotSort.Column.REFERENCED);
        columns.put(v.sizeColumns().get(2), SnapshotSort.Column.WRITTEN);
        columns.put(v.holdsColumn(), SnapshotSort.Column.HOLDS);
        v.table().setSortPolicy(t -> {
            v.vm().sortBy(order(t.getSortOrder(), columns));
            return true;
        });
        v.table().getStyleClass().addAll(atlantafx.base.theme.Styles.DENSE, atlantafx.base.theme.Styles.STRIPED);
        v.table().setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        v.nameColumn().setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().shortName()));
        v.datasetColumn().setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().dataset()));
        v.creationColumn().setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().creation()));
        v.creationColumn().setCellFactory(c -> new FormattedCell<>(TIME::format));
        // newest first, as admins look for the latest good state
        v.creationColumn().setSortType(TableColumn.SortType.DESCENDING);
        v.table().getSortOrder().add(v.creationColumn());
        Function<Snapshot, Long>[] sizes = sizeGetters();
        for (int i = 0; i < sizes.length; i++) {
            Function<Snapshot, Long> get = sizes[i];
            TableColumn<Snapshot, Long> col = v.sizeColumns().get(i);
            col.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(get.apply(c.getValue())));
            col.setCellFactory(c -> new FormattedCell<>(b -> b < 0 ? "–" : ZfsSizes.human(b)));
        }
        v.holdsColumn().setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().userRefs()));
        v.holdsColumn().setCellFactory(c -> new FormattedCell<>(n -> n == 0 ? "" : Long.toString(n)));
    }

    /** The table's sort order in the ViewModel's terms. */
    static SnapshotSort order(List<TableColumn<Snapshot, ?>> order, Map<TableColumn<Snapshot, ?>, SnapshotSort.Column> columns) {
        List<SnapshotSort.Key> keys = new ArrayList<>();
        for (TableColumn<Snapshot, ?> c : order) {
            SnapshotSort.Column column = columns.get(c);
            if (column != null) {
                keys.add(new SnapshotSort.Key(column, c.getSortType() == TableColumn.SortType.DESCENDING));
            }
        }
        return new SnapshotSort(keys);
    }

    @SuppressWarnings("unchecked")
    private static Function<Snapshot, Long>[] sizeGetters() {
        return new Function[] {
                (Function<Snapshot, Long>) Snapshot::used,
                (Function<Snapshot, Long>) Snapshot::referenced,
                (Function<Snapshot, Long>) Snapshot::written};
    }

    /** Shows a value through {@code format}; sorting still uses the value. */
    static final class FormattedCell<T> extends TableCell<Snapshot, T> {
        private final Function<T, String> format;

        FormattedCell(Function<T, String> format) {
            this.format = format;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : format.apply(item));
        }
    }

    static String time(Instant i) {
        return TIME.format(i);
    }
}
