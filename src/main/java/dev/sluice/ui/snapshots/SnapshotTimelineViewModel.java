package dev.sluice.ui.snapshots;

import dev.sluice.host.CommandException;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.BulkList;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.snapshots.timeline.TimelineData;
import dev.sluice.ui.snapshots.timeline.TimelineLane;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.Hold;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the snapshot timeline: which datasets are shown (one, or a VM's disks together), their
 * snapshots for the list and the timeline, the selection with its details, and the actions on it
 * (snapshot now, rollback, clone, destroy, hold, release; see {@link SnapshotActions}). No nodes: dialogs
 * and notifications go through {@link SnapshotDialogs} and {@link Notifier}, work through the injected
 * {@link TaskExecutor}.
 */
public final class SnapshotTimelineViewModel {

    private final TaskExecutor executor;
    private final Notifier notifier;
    private final SnapshotActions actions;
    private ZfsService zfs;

    private final ObservableList<Dataset> datasets = FXCollections.observableArrayList();
    private final ObjectProperty<Dataset> chosen = new SimpleObjectProperty<>(this, "chosen");
    private boolean restoringChoice;
    private final ReadOnlyObjectWrapper<List<String>> shown = new ReadOnlyObjectWrapper<>(this, "shown", List.of());
    /** A million rows change in one array copy and one event ({@link BulkList}), not element by element. */
    private final ObservableList<Snapshot> snapshots = new BulkList<>();
    /** The same snapshots in the list's sort order, sorted in the background. */
    private final ObservableList<Snapshot> rows = new BulkList<>();
    private SnapshotSort sort = SnapshotSort.NEWEST_FIRST;
    /** What {@link #rows} holds, as sorted (never changed), and the order it is in. */
    private List<Snapshot> sortedRows = List.of();
    private SnapshotSort rowsSort = SnapshotSort.NEWEST_FIRST;
    private Comparator<Snapshot> rowsOrder = SnapshotSort.NEWEST_FIRST.comparator();
    private long sortGeneration;
    private final ReadOnlyObjectWrapper<TimelineData> timeline = new ReadOnlyObjectWrapper<>(this, "timeline", TimelineData.EMPTY);
    private final ObjectProperty<String> selectedName = new SimpleObjectProperty<>(this, "selectedName");
    private final ReadOnlyObjectWrapper<Snapshot> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<List<Hold>> selectedHolds = new ReadOnlyObjectWrapper<>(this, "selectedHolds", List.of());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper rowsChanging = new ReadOnlyBooleanWrapper(this, "rowsChanging");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError");
    private final StringProperty nameTemplate = new SimpleStringProperty(this, "nameTemplate", SnapshotNameTemplate.DEFAULT);
    private final BooleanBinding canSnapshot;
    private final BooleanBinding canActOnSelected;
    private final ReadOnlyBooleanWrapper wholeHost = new ReadOnlyBooleanWrapper(this, "wholeHost");
    /** The listing {@link #snapshots} holds, as loaded (never changed): the next refresh diffs against it. */
    private List<Snapshot> current = List.of();
    private SnapshotIndex byName = SnapshotIndex.EMPTY;
    private String selectAfterRefresh;
    private long loadGeneration;
    private final ReadOnlyBooleanWrapper datasetsLoading = new ReadOnlyBooleanWrapper(this, "datasetsLoading");
    /** The message a failed dataset listing showed, so that its success clears that one and no other. */
    private String datasetsFailure;
    /** The listing running now, to stop it ({@link #cancelLoad}). */
    private BackgroundTask<?>.Handle loadingHandle;

    public SnapshotTimelineViewModel(ZfsService zfs, TaskExecutor executor, SnapshotDialogs dialogs, Notifier notifier,
                                     ZvolUsage usage, Clock clock) {
        this.zfs = zfs;
        this.executor = executor;
        this.notifier = notifier;
        this.actions = new SnapshotActions(this, dialogs, usage == null ? ZvolUsage.NONE : usage, clock);
        canSnapshot = Bindings.createBooleanBinding(() -> !busy.get() && !shown.get().isEmpty() && !wholeHost.get(),
                busy, shown, wholeHost);
        canActOnSelected = Bindings.createBooleanBinding(() -> !busy.get() && selected.get() != null, busy, selected);
        chosen.addListener((o, a, d) -> {
            if (d != null && !restoringChoice) {
                show(List.of(d.name()));
            }
        });
        selectedName.addListener((o, a, name) -> select(name));
    }

    // ---- what the view binds ----

    /** Every filesystem and volume, for the chooser. */
    public ObservableList<Dataset> datasets() {
        return datasets;
    }

    /** The chooser's value; choosing shows that dataset's snapshots. */
    public ObjectProperty<Dataset> chosenProperty() {
        return chosen;
    }

    /** The datasets on the timeline, one lane each. */
    public ReadOnlyObjectProperty<List<String>> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The shown datasets' snapshots, oldest first (zfs's order). */
    public ObservableList<Snapshot> snapshots() {
        return snapshots;
    }

    /**
     * The same snapshots in the list's order ({@link #sortBy}), for the table: sorted off the FX thread and
     * patched by a refresh like {@link #snapshots}, so the table never sorts a million rows itself.
     */
    public ObservableList<Snapshot> rows() {
        return rows;
    }

    /** The list's order. */
    public SnapshotSort sort() {
        return sort;
    }

    /**
     * Orders the list (a column header was clicked): sorts in the background and then replaces {@link #rows}
     * in one change, keeping the selection. Asking for the order it already has does nothing.
     */
    public void sortBy(SnapshotSort order) {
        if (order.equals(sort)) {
            return;
        }
        sort = order;
        resort();
    }

    /** The row of this snapshot in {@link #rows}, or -1: a binary search, as the rows are in a total order. */
    public int rowOf(String name) {
        Snapshot s = name == null ? null : byName.get(name);
        return s == null ? -1 : SnapshotSort.rowOf(sortedRows, s, rowsOrder);
    }

    public ReadOnlyObjectProperty<TimelineData> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** The selected snapshot's full name; the list and the timeline both write it. */
    public ObjectProperty<String> selectedNameProperty() {
        return selectedName;
    }

    public ReadOnlyObjectProperty<Snapshot> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected snapshot's holds (loaded when it has any). */
    public ReadOnlyObjectProperty<List<Hold>> selectedHoldsProperty() {
        return selectedHolds.getReadOnlyProperty();
    }

    /** An action is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /**
     * True while {@link #rows} changes: a table can let its selection go first and take it back after, instead of
     * shifting every selected index past the change itself (a pass over the rows above the selection).
     */
    public ReadOnlyBooleanProperty rowsChangingProperty() {
        return rowsChanging.getReadOnlyProperty();
    }

    private void changeRows(Runnable change) {
        rowsChanging.set(true);
        try {
            change.run();
        } finally {
            rowsChanging.set(false);
        }
    }

    /** Why the last load failed (null when it did not). */
    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /** The template for "snapshot now" names, e.g. {@code sluice-%Y%m%d-%H%M%S}. */
    public StringProperty nameTemplateProperty() {
        return nameTemplate;
    }

    public BooleanBinding canSnapshotProperty() {
        return canSnapshot;
    }

    public BooleanBinding canActOnSelectedProperty() {
        return canActOnSelected;
    }

    // ---- loading ----

    /** Switches to another host's service (the shell's host chooser) and reloads. */
    public void setService(ZfsService service) {
        this.zfs = service;
        loadGeneration++; // a listing still running for the previous host must not land here
        wholeHost.set(false);
        shown.set(List.of());
        current = List.of();
        byName = SnapshotIndex.EMPTY;
        snapshots.clear();
        sortedRows = List.of();
        rows.clear();
        timeline.set(TimelineData.EMPTY);
        loadDatasets();
    }

    ZfsService zfs() {
        return zfs;
    }

    TaskExecutor executor() {
        return executor;
    }

    Notifier notifier() {
        return notifier;
    }

    void setBusy(boolean b) {
        busy.set(b);
    }

    /** Loads the chooser's list of filesystems and volumes. */
    public void loadDatasets() {
        ZfsService service = zfs;
        datasetsLoading.set(true);
        BackgroundTask.of(I18n.t("snapshots.task.listDatasets"), ctx -> service.datasets())
                .onSuccess(list -> {
                    // new Dataset objects replace the chosen one: keep the chooser showing it, without reloading
                    String keep = chosen.get() == null ? null : chosen.get().name();
                    datasets.setAll(list);
                    if (keep != null) {
                        restoringChoice = true;
                        try {
                            chosen.set(list.stream().filter(d -> d.name().equals(keep)).findFirst().orElse(null));
                        } finally {
                            restoringChoice = false;
                        }
                    }
                    // only this listing's own failure goes: a failed or stopped snapshot listing still stands
                    if (datasetsFailure != null && datasetsFailure.equals(loadError.get())) {
                        loadError.set(null);
                    }
                    datasetsFailure = null;
                })
                .onFailure(e -> {
                    datasetsFailure = userMessage(e);
                    loadError.set(datasetsFailure);
                })
                .onFinally(() -> datasetsLoading.set(false))
                .executeWith(executor);
    }

    /** True while the datasets for the chooser are being listed (minutes on a big host over a slow link). */
    public ReadOnlyBooleanProperty datasetsLoadingProperty() {
        return datasetsLoading.getReadOnlyProperty();
    }

    /** Shows these datasets together (a VM's disks), one lane each. */
    public void show(List<String> datasetNames) {
        wholeHost.set(false);
        shown.set(List.copyOf(datasetNames));
        selectedName.set(null);
        refresh();
    }

    /**
     * Shows every snapshot on the host, one lane per dataset that has any, read with one {@code zfs list}
     * (not one per dataset). "Snapshot now" is off here: it would snapshot every dataset.
     */
    public void showHost() {
        chosen.set(null); // the chooser shows no single dataset now
        wholeHost.set(true);
        shown.set(List.of());
        selectedName.set(null);
        refresh();
    }

    /** The whole host is shown ({@link #showHost}). */
    public ReadOnlyBooleanProperty wholeHostProperty() {
        return wholeHost.getReadOnlyProperty();
    }

    /**
     * Reloads the shown datasets' snapshots, keeping the selection when it still exists. Only what changed
     * reaches the list ({@link SnapshotListDiff}), so a refresh after one new snapshot among a million
     * touches one row and the table keeps its scroll position.
     */
    public void refresh() {
        List<String> names = shown.get();
        boolean host = wholeHost.get();
        ZfsService service = zfs;
        long generation = ++loadGeneration;
        SnapshotSort order = sort;
        if (names.isEmpty() && !host) {
            apply(new Loaded(List.of(), SnapshotIndex.EMPTY, List.of(), null, new Rows(List.of(), order, List.of(), null)), List.of());
            return;
        }
        List<Snapshot> before = current;
        SnapshotIndex beforeByName = byName;
        List<Snapshot> beforeRows = rowsSort.equals(order) ? sortedRows : List.of();
        loading.set(true);
        loadingHandle = BackgroundTask.of(I18n.t("snapshots.task.list"), ctx -> {
                    Map<String, List<Snapshot>> perDataset = new LinkedHashMap<>();
                    if (host) {
                        List<Snapshot> everything = new ArrayList<>(service.allSnapshots(ctx::onCancel));
                        // oldest first across datasets, as for one: the table's newest-first sort is then a reversal
                        everything.sort(SnapshotSort.OLDEST_FIRST);
                        for (Snapshot s : everything) {
                            perDataset.computeIfAbsent(s.dataset(), k -> new ArrayList<>()).add(s);
                        }
                        return load(perDataset, everything, before, beforeByName, order, beforeRows);
                    } else {
                        for (String ds : names) {
                            perDataset.put(ds, service.snapshots(ds));
                        }
                    }
                    return load(perDataset, null, before, beforeByName, order, beforeRows);
                })
                .onSuccess(l -> {
                    if (generation == loadGeneration) {
                        loadError.set(null);
                        apply(l, host ? List.copyOf(l.lanes()) : names);
                    }
                })
                .onFailure(e -> {
                    if (generation == loadGeneration) {
                        loadError.set(userMessage(e));
                    }
                })
                .onFinally(() -> {
                    if (generation == loadGeneration) { // a listing that was replaced or cancelled is not the one shown
                        loading.set(false);
                    }
                })
                .executeWith(executor);
    }

    /**
     * Stops the listing running now (on a big host, the whole host's can take minutes): its {@code zfs list} ends,
     * what was shown before stays, and the view says it was stopped and how to list again.
     */
    public void cancelLoad() {
        BackgroundTask<?>.Handle running = loadingHandle;
        if (!loading.get() || running == null) {
            return;
        }
        loadGeneration++;
        running.cancel();
        loading.set(false);
        loadError.set(I18n.t("snapshots.load.cancelled"));
    }

    /** The listing in the list's order, and the diff from the rows shown before (same order) when there is one. */
    private record Rows(List<Snapshot> sorted, SnapshotSort order, List<Snapshot> base, SnapshotListDiff diff) {
    }

    /** Everything the FX thread needs, built in the background: list, timeline with its index, and the diff from before. */
    private record Loaded(List<Snapshot> snapshots, SnapshotIndex index, List<Snapshot> base, SnapshotListDiff diff, Rows rows) {
        TimelineData timeline() {
            return index.timeline();
        }

        List<String> lanes() {
            return timeline().lanes().stream().map(TimelineLane::name).toList();
        }
    }

    /** {@code inOrder}: the list in its order (null: the datasets' lists one after the other). */
    private static Loaded load(Map<String, List<Snapshot>> perDataset, List<Snapshot> inOrder, List<Snapshot> before,
                               SnapshotIndex beforeByName, SnapshotSort order, List<Snapshot> beforeRows) {
        int n = perDataset.values().stream().mapToInt(List::size).sum();
        List<Snapshot> all = inOrder != null ? inOrder : new ArrayList<>(n);
        List<TimelineLane> lanes = new ArrayList<>(perDataset.size());
        List<List<Snapshot>> laneSnapshots = new ArrayList<>(perDataset.size());
        perDataset.forEach((ds, listed) -> {
            if (inOrder == null) {
                all.addAll(listed);
            }
            List<Snapshot> mine = listed;
            if (!byTime(mine)) {
                // zfs lists by createtxg, which is creation order unless a clock went back: the lane needs time order
                mine = new ArrayList<>(listed);
                mine.sort(Comparator.comparingLong(Snapshot::creationSeconds));
            }
            long[] times = new long[mine.size()];
            String[] keys = new String[mine.size()];
            for (int i = 0; i < mine.size(); i++) {
                times[i] = mine.get(i).creationSeconds();
                keys[i] = mine.get(i).name();
            }
            lanes.add(TimelineLane.ofSorted(ds, times, keys));
            laneSnapshots.add(mine);
        });
        List<Snapshot> list = Collections.unmodifiableList(all);
        SnapshotIndex index = new SnapshotIndex(new TimelineData(lanes), laneSnapshots);
        SnapshotListDiff diff = before.isEmpty() ? null
                : SnapshotListDiff.between(before, beforeByName::contains, list, index::contains);
        boolean small = diff != null && diff.small() && !beforeRows.isEmpty();
        // a refresh after a few changes patches the rows shown, already in this order, instead of sorting them all
        List<Snapshot> sorted = small ? diff.sortedAfter(before, beforeRows, order.comparator()) : order.sort(list);
        SnapshotListDiff rowsDiff = small ? diff.inOtherOrder(before, beforeRows, sorted) : null;
        return new Loaded(list, index, before, diff, new Rows(sorted, order, beforeRows, rowsDiff));
    }

    private static boolean byTime(List<Snapshot> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i).creationSeconds() < list.get(i - 1).creationSeconds()) {
                return false;
            }
        }
        return true;
    }

    private void apply(Loaded l, List<String> lanes) {
        String keep = selectAfterRefresh != null ? selectAfterRefresh : selectedName.get();
        selectAfterRefresh = null;
        List<Snapshot> before = current;
        byName = l.index();
        current = l.snapshots();
        if (wholeHost.get()) {
            shown.set(lanes);
        }
        SnapshotListDiff diff = l.diff();
        if (diff != null && diff.small() && l.base() == before) {
            diff.applyTo(snapshots);
        } else {
            snapshots.setAll(l.snapshots());
        }
        Rows r = l.rows();
        sortGeneration++; // a sort of the previous listing must not land now
        boolean patch = r.diff() != null && r.diff().small() && r.base() == sortedRows;
        sortedRows = r.sorted();
        rowsSort = r.order();
        rowsOrder = r.order().comparator();
        changeRows(patch ? () -> r.diff().applyTo(rows) : () -> rows.setAll(r.sorted()));
        timeline.set(l.timeline());
        selectedName.set(keep != null && byName.contains(keep) ? keep : null);
        select(selectedName.get());
        if (!rowsSort.equals(sort)) {
            resort(); // the order changed while this listing was read
        }
    }

    private void resort() {
        List<Snapshot> listing = current;
        SnapshotSort order = sort;
        long generation = ++sortGeneration;
        BackgroundTask.of(I18n.t("snapshots.task.sort"), ctx -> order.sort(listing))
                .onSuccess(sorted -> {
                    if (generation != sortGeneration || listing != current) {
                        return;
                    }
                    String keep = selectedName.get();
                    sortedRows = sorted;
                    rowsSort = order;
                    rowsOrder = order.comparator();
                    changeRows(() -> rows.setAll(sorted));
                    // the table may have dropped its selection with the old rows: the same snapshot stays selected
                    selectedName.set(keep);
                })
                .onFailure(e -> notifier.error(userMessage(e)))
                .executeWith(executor);
    }

    /** After the next refresh, select this snapshot (the one just taken). */
    void selectAfterRefresh(String name) {
        selectAfterRefresh = name;
    }

    private void select(String name) {
        Snapshot s = name == null ? null : byName.get(name);
        selected.set(s);
        selectedHolds.set(List.of());
        if (s != null && s.held()) {
            ZfsService service = zfs;
            BackgroundTask.of(I18n.t("snapshots.task.holds"), ctx -> service.holds(s.name()))
                    .onSuccess(h -> {
                        if (s.equals(selected.get())) {
                            selectedHolds.set(List.copyOf(h));
                        }
                    })
                    .onFailure(e -> notifier.error(userMessage(e)))
                    .executeWith(executor);
        }
    }

    Optional<Dataset> datasetNamed(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    // ---- actions (see SnapshotActions) ----

    public void snapshotNow() {
        actions.snapshotNow(nameTemplate.get());
    }

    public void rollbackSelected() {
        actions.rollback(selected.get());
    }

    public void cloneSelected() {
        actions.cloneSnapshot(selected.get());
    }

    public void destroySelected() {
        actions.destroy(selected.get());
    }

    public void holdSelected() {
        actions.hold(selected.get());
    }

    public void releaseSelected() {
        actions.release(selected.get(), selectedHolds.get());
    }

    /** What a user reads for a failure: the typed errors' own messages, never a stack trace. */
    static String userMessage(Throwable e) {
        if (e instanceof CommandException || SnapshotActions.isUserFacing(e)) {
            return e.getMessage();
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return I18n.t("snapshots.error.unexpected", detail);
    }
}
