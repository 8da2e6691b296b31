package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationOptions;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.UserMessages;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Move to pool ▸ tank": plans the move with {@link MigrationOptions#safeDefaults()} under the same parent
 * path in the new pool (or its top), then one confirmation of every step and command, then the run.
 */
public final class OneClickMoveViewModel {
    private final MigrationTools.Source toolSource;
    private final TaskExecutor executor;
    private final List<MigrationSource> sources;
    private final String targetPool;
    private final ObjectProperty<Plans> plans = new SimpleObjectProperty<>(this, "plans");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty targetParent = new SimpleStringProperty(this, "targetParent", "");
    private List<String> parents = List.of();
    private MigrationTools tools;
    private final String targetHost;

    public OneClickMoveViewModel(MigrationTools.Source tools, TaskExecutor executor, List<MigrationSource> sources, String targetPool) {
        this(tools, executor, sources, null, targetPool);
    }

    /** A move to {@code targetPool} on {@code targetHost} (null: the current host). */
    public OneClickMoveViewModel(MigrationTools.Source tools, TaskExecutor executor, List<MigrationSource> sources,
                                 String targetHost, String targetPool) {
        this.targetHost = targetHost;
        this.toolSource = tools;
        this.executor = executor;
        this.sources = List.copyOf(sources);
        this.targetPool = targetPool;
    }

    /** Plans in the background; {@code then} runs on the UI side with {@link #plansProperty()} or {@link #errorProperty()} set. */
    public void plan(Runnable then) {
        BackgroundTask.of(I18n.t("migrate.oneClick.planning"), ctx -> {
            MigrationTools t = targetHost == null ? toolSource.open() : toolSource.openTo(targetHost, java.util.Optional.empty());
            // the parent and the places offered are the target host's
            String parent = Plans.parentIn(t.to().zfs(), sources.get(0).zvol(), targetPool);
            List<String> where = List.of(parent);
            try {
                where = t.to().zfs().datasets().stream().filter(d -> !d.isVolume()).map(dev.sluice.zfs.Dataset::name)
                        .filter(n -> dev.sluice.zfs.ZfsNames.poolOf(n).equals(targetPool))
                        .filter(n -> !dev.sluice.ui.common.InternalDatasets.isInternal(n)).toList();
            } catch (Exception listing) {
                // the planned parent is still offered, and any other can be typed
            }
            return new Planned(t, parent, where, Plans.make(t, sources, parent, MigrationOptions.safeDefaults()));
        }).onSuccess(r -> {
            tools = r.tools();
            parents = r.parents();
            targetParent.set(r.parent());
            plans.set(r.plans());
        }).onFailure(e -> error.set(UserMessages.of(e))).onFinally(then).executeWith(executor);
    }

    private record Planned(MigrationTools tools, String parent, List<String> parents, Plans plans) {
    }

    /** The user chose another place in the target pool: plan again under {@code parent}; {@code then} on the UI side. */
    public void replan(String parent, Runnable then) {
        String p = parent == null ? "" : parent.strip();
        error.set("");
        BackgroundTask.of(I18n.t("migrate.oneClick.planning"), ctx -> {
            dev.sluice.zfs.ZfsNames.requireDataset(p);
            if (!dev.sluice.zfs.ZfsNames.poolOf(p).equals(targetPool)) {
                throw new IllegalArgumentException(I18n.t("migrate.oneClick.otherPool", p, targetPool));
            }
            return Plans.make(tools, sources, p, MigrationOptions.safeDefaults());
        }).onSuccess(r -> {
            if (r.refused()) {
                error.set(String.join("\n", r.refusals())); // the last good plan stays, Move stays off
            } else {
                targetParent.set(p);
                plans.set(r);
            }
        }).onFailure(e -> error.set(UserMessages.of(e))).onFinally(then).executeWith(executor);
    }

    /** The filesystems of the target pool a disk can go under (not Sluice's own). */
    public List<String> parents() {
        return parents;
    }

    public ReadOnlyStringProperty targetParentProperty() {
        return targetParent;
    }

    /** What the disk is called under its parent: the source's last name part ({@code web 1}). */
    public String targetLeaf() {
        String z = sources.get(0).zvol();
        return sources.size() == 1 ? z.substring(z.lastIndexOf('/') + 1) : "…";
    }

    public String title() {
        return I18n.t("migrate.oneClick.title", sources.size() == 1 ? sources.get(0).zvol() : sources.get(0).guest().vmName(), targetPool);
    }

    /** The confirmation's sentence: what moves where, and what happens to the guest. */
    public String sentence() {
        Plans p = plans.get();
        if (p == null || p.plans().isEmpty()) {
            return "";
        }
        var r = p.plans().get(0);
        String target = r.target();
        String guest = !r.guest().present() || !r.guest().wasRunning() ? ""
                : I18n.t(r.live() ? "migrate.oneClick.guestLive" : "migrate.oneClick.guestStops", r.guest().vmName());
        return I18n.t("migrate.oneClick.sentence", r.source(), target) + (guest.isEmpty() ? "" : " " + guest);
    }

    /** The user confirmed: run exactly the confirmed plans. */
    public MigrationRunViewModel confirm() {
        MigrationRunViewModel run = new MigrationRunViewModel(plans.get().plans(), tools, executor);
        run.start();
        return run;
    }

    /** The confirmation lists these: every step and its commands. */
    public List<StepRow> steps() {
        return plans.get() == null ? List.of() : new MigrationRunViewModel(plans.get().plans(), tools, executor).steps();
    }

    public String shellScript() {
        return plans.get() == null ? "" : ShellScript.of(plans.get().plans());
    }

    public List<MigrationSource> sources() {
        return sources;
    }

    public String targetPool() {
        return targetPool;
    }

    public ReadOnlyObjectProperty<Plans> plansProperty() {
        return plans;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }
}
