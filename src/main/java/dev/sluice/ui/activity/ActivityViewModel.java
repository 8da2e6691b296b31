package dev.sluice.ui.activity;

import dev.sluice.host.CommandJournal;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import java.time.Duration;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Every command Sluice ran, running and finished, from the {@link CommandJournal}. Journal events
 * arrive on any thread and are applied through the executor's UI side, in order. History is capped
 * ({@link #DEFAULT_CAP} rows): the oldest finished commands go first; running ones always stay.
 */
public final class ActivityViewModel {
    public static final int DEFAULT_CAP = 5_000;

    private final CommandJournal journal;
    private final TaskExecutor executor;
    private final CommandCanceller canceller;
    private final int cap;
    private final ObservableList<ActivityRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ActivityRow> visible = new FilteredList<>(rows, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<ActivityRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyIntegerWrapper runningCount = new ReadOnlyIntegerWrapper();
    private final CommandJournal.Listener listener;

    public ActivityViewModel(CommandJournal journal, TaskExecutor executor, CommandCanceller canceller) {
        this(journal, executor, canceller, DEFAULT_CAP);
    }

    public ActivityViewModel(CommandJournal journal, TaskExecutor executor, CommandCanceller canceller, int cap) {
        this.journal = journal;
        this.executor = executor;
        this.canceller = canceller;
        this.cap = cap;
        this.listener = e -> executor.ui(() -> apply(e));
        filter.addListener((o, a, f) -> visible.setPredicate(matcher(f)));
        journal.addListener(listener);
    }

    /** Stops listening to the journal (the window closes). */
    public void dispose() {
        journal.removeListener(listener);
    }

    // Rows are kept in id order (ids grow), so an update finds its row by binary search.
    void apply(CommandJournal.Entry e) {
        ActivityRow row = ActivityRow.of(e);
        int i = indexOf(e.id());
        if (i >= 0) {
            boolean wasSelected = selected.get() != null && selected.get().id() == e.id();
            rows.set(i, row);
            if (wasSelected) {
                selected.set(row);
            }
        } else {
            rows.add(-i - 1, row);
            trim();
        }
        runningCount.set((int) rows.stream().filter(ActivityRow::running).count());
    }

    private int indexOf(long id) {
        int lo = 0;
        int hi = rows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = rows.get(mid).id();
            if (m < id) {
                lo = mid + 1;
            } else if (m > id) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private void trim() {
        int excess = rows.size() - cap;
        for (int i = 0; i < rows.size() && excess > 0; ) {
            if (rows.get(i).running()) {
                i++;
            } else {
                rows.remove(i);
                excess--;
            }
        }
    }

    private static java.util.function.Predicate<ActivityRow> matcher(String f) {
        if (f == null || f.isBlank()) {
            return r -> true;
        }
        String[] words = f.toLowerCase(Locale.ROOT).strip().split("\\s+");
        return r -> {
            String hay = (r.shellLine() + " " + r.host() + " " + stateText(r.state()) + " " + r.state().name() + " " + r.stderr())
                    .toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!hay.contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** The command line to paste into a terminal: argv quoted for POSIX sh; stdin is not part of it. */
    public String shellLine(ActivityRow r) {
        return r.shellLine();
    }

    public boolean canCancel(ActivityRow r) {
        return r != null && r.running() && canceller.canCancel(r.id());
    }

    public void cancel(ActivityRow r) {
        if (canCancel(r)) {
            canceller.cancel(r.id());
        }
    }

    /** Forgets finished commands (the journal and audit log keep them). */
    public void clearFinished() {
        rows.removeIf(r -> !r.running());
    }

    /** What the details pane shows for a row. */
    public String details(ActivityRow r) {
        if (r == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("$ ").append(r.shellLine()).append('\n');
        if (r.stdinSecret()) {
            sb.append(I18n.t("activity.details.secretStdin")).append('\n');
        } else if (r.stdinGiven()) {
            sb.append(I18n.t("activity.details.stdin")).append('\n');
        }
        sb.append(I18n.t("activity.details.summary", dev.sluice.ui.common.UserMessages.hostLabel(r.host()), stateText(r.state()),
                r.exitCode() == null ? "–" : String.valueOf(r.exitCode()),
                r.duration() == null ? "–" : formatDuration(r.duration()))).append('\n');
        if (!r.stderr().isBlank()) {
            sb.append('\n').append(I18n.t("activity.details.stderr")).append('\n').append(r.stderr().strip()).append('\n');
        }
        return sb.toString();
    }

    /** The short error text for the table: a friendly line for a missing program, else stderr's last line. */
    public static String errorSummary(ActivityRow r) {
        return r.state() == CommandJournal.State.NOT_INSTALLED ? I18n.t("activity.notInstalled", r.argv().get(0)) : r.stderrSummary();
    }

    public static String stateText(CommandJournal.State s) {
        return I18n.t("activity.state." + s.name().toLowerCase(Locale.ROOT));
    }

    /** 0.04 s, 3.2 s, 2 min 05 s, 1 h 02 min. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** All rows, oldest first. */
    public ObservableList<ActivityRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** Rows passing the filter, oldest first; the table sorts them. */
    public FilteredList<ActivityRow> visibleRows() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<ActivityRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyIntegerProperty runningCountProperty() {
        return runningCount.getReadOnlyProperty();
    }

    public BooleanBinding selectionCancellable() {
        return Bindings.createBooleanBinding(() -> canCancel(selected.get()), selected);
    }
}
