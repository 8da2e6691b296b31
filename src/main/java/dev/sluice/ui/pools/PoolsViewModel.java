package dev.sluice.ui.pools;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.LatestLoad;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.ui.common.dialogs.CommandPlan;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.zfs.Pool;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.sluice.host.CommandRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Pools view: the pools with their status, an empty state that says what to do (no
 * pools, ZFS not installed, host unreachable), and the scrub actions. No Nodes; tested with
 * {@code TaskExecutor.direct()} and a scripted host.
 */
public final class PoolsViewModel {
    private volatile ZfsService zfs;
    private final ActionRunner actions;
    private final ObservableList<PoolItem> pools = FXCollections.observableArrayList();
    private final ObservableList<PoolItem> readOnlyPools = FXCollections.unmodifiableObservableList(pools);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final LatestLoad loads = new LatestLoad();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty emptyTitle = new SimpleStringProperty(this, "emptyTitle", "");
    private final StringProperty emptyText = new SimpleStringProperty(this, "emptyText", "");
    private final StringProperty emptyCommand = new SimpleStringProperty(this, "emptyCommand", "");

    public PoolsViewModel(ZfsService zfs, ActionRunner actions) {
        this.zfs = zfs;
        this.actions = actions;
    }

    /**
     * Follows the selected host: a new runner means another host, so the pools are read again;
     * no runner (not connected) shows an empty state instead of stale pools.
     */
    public PoolsViewModel(ObservableValue<? extends CommandRunner> runner, ActionRunner actions) {
        this(runner.getValue() == null ? null : new ZfsService(runner.getValue()), actions);
        runner.addListener((o, was, now) -> {
            zfs = now == null ? null : new ZfsService(now);
            refresh();
        });
    }

    public ObservableList<PoolItem> pools() {
        return readOnlyPools;
    }

    /** True while any pool scrubs or resilvers: the view then refreshes now and then to move the progress bar. */
    public boolean anyScanRunning() {
        return pools.stream().anyMatch(p -> p.scan().running());
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** Non-empty when there is nothing to show: then the view shows this instead of the cards. */
    public ReadOnlyStringProperty emptyTitleProperty() {
        return emptyTitle;
    }

    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText;
    }

    /** A command the user can copy from the empty state (how to create a pool), or "". */
    public ReadOnlyStringProperty emptyCommandProperty() {
        return emptyCommand;
    }

    /** Reads {@code zpool list} and each pool's status in the background. */
    public void refresh() {
        ZfsService zfs = this.zfs;
        if (zfs == null) {
            loads.invalidate();
            busy.set(false);
            pools.clear();
            summary.set("");
            setEmpty(I18n.t("pools.noHost.title"), I18n.t("pools.noHost.text"), "");
            return;
        }
        loads.start(I18n.t("pools.task.read"), ctx -> {
            List<PoolItem> items = new ArrayList<>();
            for (Pool p : zfs.pools()) {
                items.add(new PoolItem(p, zfs.poolStatus(p.name())));
            }
            return items;
        }, this::show, this::showFailure, busy, actions.executor());
    }

    private void show(List<PoolItem> items) {
        pools.setAll(items);
        if (items.isEmpty()) {
            setEmpty(I18n.t("pools.empty.title"), I18n.t("pools.empty.text"), I18n.t("pools.empty.command"));
            summary.set("");
        } else {
            setEmpty("", "", "");
            long unhealthy = items.stream().filter(i -> !i.health().healthy()).count();
            summary.set(unhealthy == 0 ? I18n.t("pools.summary.healthy", items.size())
                    : I18n.t("pools.summary.unhealthy", items.size(), unhealthy));
        }
    }

    private void showFailure(Throwable e) {
        pools.clear();
        summary.set("");
        CommandException.NotInstalled missing = UserMessages.notInstalled(e);
        if (missing != null) {
            setEmpty(I18n.t("pools.zfsMissing.title"), UserMessages.of(missing), "");
        } else {
            setEmpty(I18n.t("pools.error.title"), UserMessages.of(e), "");
            actions.notifications().error(UserMessages.of(e));
        }
    }

    private void setEmpty(String title, String text, String command) {
        emptyTitle.set(title);
        emptyText.set(text);
        emptyCommand.set(command);
    }

    /** {@code zpool scrub <pool>}: reads and verifies every block; the pool stays usable meanwhile. */
    public Optional<ConfirmableAction> startScrub(PoolItem item) {
        ZfsService zfs = this.zfs;
        Command c = command(() -> ZfsCommands.scrub(item.name()));
        if (c == null) {
            return Optional.empty();
        }
        CommandPlan plan = CommandPlan.of(I18n.t("pools.scrub.start.title", item.name()),
                I18n.t("pools.scrub.start.sentence", item.name()), List.of(c))
                .withConfirmLabel(I18n.t("pools.scrub.start"));
        return Optional.of(new ConfirmableAction(plan, ctx -> {
            zfs.run(c);
            return null;
        }, I18n.t("pools.scrub.started", item.name())));
    }

    /** {@code zpool scrub -s <pool>}: stops the running scrub; a later scrub starts from the beginning. */
    public Optional<ConfirmableAction> stopScrub(PoolItem item) {
        ZfsService zfs = this.zfs;
        Command c = command(() -> ZfsCommands.stopScrub(item.name()));
        if (c == null) {
            return Optional.empty();
        }
        CommandPlan plan = CommandPlan.of(I18n.t("pools.scrub.stop.title", item.name()),
                I18n.t("pools.scrub.stop.sentence", item.name()), List.of(c))
                .withConfirmLabel(I18n.t("pools.scrub.stop"));
        return Optional.of(new ConfirmableAction(plan, ctx -> {
            zfs.run(c);
            return null;
        }, I18n.t("pools.scrub.stopped", item.name())));
    }

    /** A command builder refused the name (e.g. a '%' ZFS itself allows): tell the user, run nothing. */
    private Command command(CommandBuilder b) {
        try {
            return b.build();
        } catch (InvalidZfsNameException e) {
            actions.notifications().error(e.getMessage());
            return null;
        }
    }

    @FunctionalInterface
    interface CommandBuilder {
        Command build() throws InvalidZfsNameException;
    }

    /** Runs a confirmed action, tells the user how it went, and refreshes. */
    public void perform(ConfirmableAction action) {
        actions.run(action, busy, this::refresh);
    }
}
