package dev.sluice.ui.snapshots;

import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsSizes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** The snapshot list's columns: sortable by their real values (times, bytes), shown in the admin's units. */
final class SnapshotTable {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private SnapshotTable() {
    }

    static void configure(SnapshotTimelineView v) {
        SortedList<Snapshot> sorted = new SortedList<>(v.vm().snapshots());
        v.table().setItems(sorted);
        // The table's own comparator reads every value through the cell value factories, a new wrapper per
        // comparison: a million rows took seconds on the FX thread. Compare the records' fields directly.
        Map<TableColumn<Snapshot, ?>, Comparator<Snapshot>> keys = new HashMap<>();
        keys.put(v.nameColumn(), Comparator.comparing(Snapshot::shortName));
        keys.put(v.datasetColumn(), Comparator.comparing(Snapshot::dataset));
        // no ties (a recursive snapshot gives many datasets the same time and txg): the list arrives oldest first
        // in this order, so the default newest-first sort is one reversal instead of a million-row merge sort
        keys.put(v.creationColumn(), Comparator.comparingLong(Snapshot::creationSeconds).thenComparingLong(Snapshot::createtxg)
                .thenComparing(Snapshot::name));
        keys.put(v.sizeColumns().get(0), Comparator.comparingLong(Snapshot::used));
        keys.put(v.sizeColumns().get(1), Comparator.comparingLong(Snapshot::referenced));
        keys.put(v.sizeColumns().get(2), Comparator.comparingLong(Snapshot::written));
        keys.put(v.holdsColumn(), Comparator.comparingLong(Snapshot::userRefs));
        v.table().setSortPolicy(t -> {
            sorted.setComparator(comparator(t.getSortOrder(), keys));
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

    /** The sort order as one comparator on the records (null: the list's own order). */
    static Comparator<Snapshot> comparator(List<TableColumn<Snapshot, ?>> order,
                                           Map<TableColumn<Snapshot, ?>, Comparator<Snapshot>> keys) {
        Comparator<Snapshot> all = null;
        for (TableColumn<Snapshot, ?> c : order) {
            Comparator<Snapshot> one = keys.get(c);
            if (one == null) {
                continue;
            }
            if (c.getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            all = all == null ? one : all.thenComparing(one);
        }
        return all;
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
