package dev.sluice.ui.snapshots;

import dev.sluice.host.Command;
import dev.sluice.task.BackgroundTask;
import dev.sluice.ui.common.I18n;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.DestroyPreview;
import dev.sluice.zfs.Hold;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.RollbackMode;
import dev.sluice.zfs.RollbackPlan;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsNames;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.ZfsSizes;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The snapshot actions, each the same way: work out the exact commands (in the background when that
 * needs ZFS), ask the user with those commands shown, run them as a {@link BackgroundTask} (so they show
 * in Activity), tell the outcome, refresh. Nothing changes before the user has confirmed.
 */
final class SnapshotActions {

    private final SnapshotTimelineViewModel vm;
    private final SnapshotDialogs dialogs;
    private final ZvolUsage usage;
    private final Clock clock;

    SnapshotActions(SnapshotTimelineViewModel vm, SnapshotDialogs dialogs, ZvolUsage usage, Clock clock) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.usage = usage;
        this.clock = clock;
    }

    private String stamp() {
        return SnapshotNameTemplate.format("%Y%m%d-%H%M%S", ZonedDateTime.now(clock));
    }

    // ---- snapshot now ----

    void snapshotNow(String template) {
        List<String> datasets = vm.shownProperty().get();
        if (datasets.isEmpty()) {
            return;
        }
        String shortName = SnapshotNameTemplate.format(template, ZonedDateTime.now(clock));
        List<String> names = datasets.stream().map(ds -> ds + "@" + shortName).toList();
        Command command;
        try {
            ZfsNames.requireShortName(shortName);
            command = ZfsCommands.snapshot(names);
        } catch (InvalidZfsNameException e) {
            vm.notifier().error(I18n.t("snapshots.snapshotNow.badTemplate", template, e.getMessage()));
            return;
        }
        boolean ok = dialogs.confirm(new SnapshotDialogs.Confirmation(I18n.t("snapshots.snapshotNow.title"),
                I18n.t(datasets.size() > 1 ? "snapshots.snapshotNow.messageMany" : "snapshots.snapshotNow.message", shortName, String.join(", ", datasets)), List.of(command),
                List.of(), false));
        if (ok) {
            vm.selectAfterRefresh(names.get(0));
            run(I18n.t("snapshots.snapshotNow.task", names.get(0)), zfs -> zfs.snapshot(names),
                    I18n.t("snapshots.snapshotNow.done", shortName));
        }
    }

    // ---- rollback ----

    /** Planning result: either who holds the zvol open, or the proposal for the dialog. */
    private record Planning(String user, RollbackProposal proposal) {
    }

    void rollback(Snapshot s) {
        if (s == null) {
            return;
        }
        ZfsService zfs = vm.zfs();
        String stamp = stamp();
        vm.setBusy(true);
        BackgroundTask.of(I18n.t("snapshots.rollback.planning", s.name()), ctx -> {
                    Dataset ds = zfs.dataset(s.dataset()).orElseThrow(() -> new ZvolGoneException(s.dataset()));
                    if (ds.isVolume()) {
                        Optional<String> user = usage.usedBy(ds.name());
                        if (user.isPresent()) {
                            return new Planning(user.get(), null);
                        }
                    }
                    RollbackPlan plan = zfs.rollbackPlan(s.name(), RollbackMode.DESTROY_NEWER);
                    if (!plan.allowed()) {
                        // newer snapshots have clones: -R, and the dialog lists the clones that go too
                        plan = zfs.rollbackPlan(s.name(), RollbackMode.DESTROY_NEWER_AND_CLONES);
                    }
                    boolean guardsExist = zfs.dataset(ZfsNames.poolOf(ds.name()) + "/" + RollbackProposal.GUARDS).isPresent();
                    return new Planning(null, RollbackProposal.of(plan, ds.isVolume(), guardsExist, ds.referenced(), stamp));
                })
                .onSuccess(p -> {
                    vm.setBusy(false);
                    if (p.user() != null) {
                        offerToStop(s, p.user());
                    } else {
                        askRollback(p.proposal());
                    }
                })
                .onFailure(e -> {
                    vm.setBusy(false);
                    vm.notifier().error(SnapshotTimelineViewModel.userMessage(e));
                })
                .executeWith(vm.executor());
    }

    private void offerToStop(Snapshot s, String user) {
        boolean canStop = usage.canStopUser(s.dataset());
        if (!dialogs.offerToStopUser(s.dataset(), user, canStop) || !canStop) {
            vm.notifier().error(new ZvolInUseException(s.dataset(), user).getMessage());
            return;
        }
        vm.setBusy(true);
        BackgroundTask.of(I18n.t("snapshots.rollback.stopping", user), ctx -> {
                    usage.stopUser(s.dataset());
                    return null;
                })
                .onSuccess(v -> {
                    vm.setBusy(false);
                    rollback(s); // plan again: the zvol is free now, or the check says why not
                })
                .onFailure(e -> {
                    vm.setBusy(false);
                    vm.notifier().error(SnapshotTimelineViewModel.userMessage(e));
                })
                .executeWith(vm.executor());
    }

    private void askRollback(RollbackProposal p) {
        Optional<RollbackChoice> choice = dialogs.rollback(new RollbackRequest(p, this::cloneNameProblem));
        if (choice.isEmpty()) {
            return;
        }
        RollbackChoice c = choice.get();
        if (c.action() == RollbackChoice.Action.CLONE_INSTEAD) {
            Optional<String> problem = cloneNameProblem(c.cloneTarget());
            if (problem.isPresent()) {
                vm.notifier().error(problem.get());
                return;
            }
            runClone(p.snapshot(), c.cloneTarget());
            return;
        }
        boolean guard = c.guard();
        String done = guard ? I18n.t("snapshots.rollback.doneGuard", p.snapshot(), p.guardCopy())
                : I18n.t("snapshots.rollback.done", p.snapshot());
        run(I18n.t("snapshots.rollback.task", p.snapshot()), zfs -> {
            if (p.zvol()) {
                Optional<String> user = usage.usedBy(p.dataset());
                if (user.isPresent()) {
                    throw new ZvolInUseException(p.dataset(), user.get());
                }
            }
            if (guard) {
                if (p.createGuardParent() && zfs.dataset(p.guardParent()).isEmpty()) {
                    zfs.createDataset(p.guardParent(), Map.of("canmount", "off"));
                }
                zfs.snapshot(List.of(p.guardSnapshot()));
                zfs.sendReceive(p.guardSend(), p.guardReceive()).run(progress -> { });
            }
            zfs.rollback(p.plan());
        }, done);
    }

    /** Why {@code name} cannot be the clone's name, or empty when it can. */
    Optional<String> cloneNameProblem(String name) {
        String snapshot = vm.selectedProperty().get() == null ? null : vm.selectedProperty().get().name();
        if (name == null || name.isBlank()) {
            return Optional.of(I18n.t("snapshots.clone.empty"));
        }
        String problem = ZfsNames.problem(name);
        if (problem == null && name.indexOf('@') >= 0) {
            problem = I18n.t("snapshots.clone.notDataset", name);
        }
        if (problem != null) {
            return Optional.of(problem);
        }
        if (snapshot != null && !ZfsNames.poolOf(name).equals(ZfsNames.poolOf(snapshot))) {
            return Optional.of(I18n.t("snapshots.clone.otherPool", ZfsNames.poolOf(snapshot)));
        }
        if (vm.datasetNamed(name).isPresent()) {
            return Optional.of(I18n.t("snapshots.clone.exists", name));
        }
        return Optional.empty();
    }

    // ---- clone ----

    void cloneSnapshot(Snapshot s) {
        if (s == null) {
            return;
        }
        Optional<String> target = dialogs.askName(new SnapshotDialogs.NamePrompt(I18n.t("snapshots.clone.title"),
                I18n.t("snapshots.clone.message", s.name()), s.dataset() + "-clone-" + stamp(), this::cloneNameProblem));
        if (target.isEmpty()) {
            return;
        }
        Optional<String> problem = cloneNameProblem(target.get());
        if (problem.isPresent()) {
            vm.notifier().error(problem.get());
            return;
        }
        Command command;
        try {
            command = ZfsCommands.clone(s.name(), target.get(), Map.of());
        } catch (InvalidZfsNameException e) {
            vm.notifier().error(e.getMessage());
            return;
        }
        if (dialogs.confirm(new SnapshotDialogs.Confirmation(I18n.t("snapshots.clone.title"),
                I18n.t("snapshots.clone.confirm", s.name(), target.get()), List.of(command), List.of(), false))) {
            runClone(s.name(), target.get());
        }
    }

    private void runClone(String snapshot, String target) {
        run(I18n.t("snapshots.clone.task", snapshot, target), zfs -> zfs.clone(snapshot, target, Map.of()),
                I18n.t("snapshots.clone.done", target));
        vm.loadDatasets(); // the chooser gets the new dataset
    }

    // ---- destroy ----

    void destroy(Snapshot s) {
        if (s == null) {
            return;
        }
        ZfsService zfs = vm.zfs();
        vm.setBusy(true);
        BackgroundTask.of(I18n.t("snapshots.destroy.preview", s.name()), ctx -> zfs.destroyPreview(s.name(), DestroyFlags.NONE))
                .onSuccess(preview -> {
                    vm.setBusy(false);
                    askDestroy(preview);
                })
                .onFailure(e -> {
                    vm.setBusy(false);
                    vm.notifier().error(SnapshotTimelineViewModel.userMessage(e));
                })
                .executeWith(vm.executor());
    }

    private void askDestroy(DestroyPreview preview) {
        String reclaim = preview.reclaimBytes() < 0 ? I18n.t("snapshots.destroy.reclaimUnknown")
                : ZfsSizes.human(preview.reclaimBytes());
        boolean ok = dialogs.confirm(new SnapshotDialogs.Confirmation(I18n.t("snapshots.destroy.title"),
                I18n.t("snapshots.destroy.message", preview.target(), reclaim), List.of(preview.command()),
                preview.everything(), true));
        if (ok) {
            run(I18n.t("snapshots.destroy.task", preview.target()), zfs -> zfs.destroy(preview),
                    I18n.t("snapshots.destroy.done", preview.target()));
        }
    }

    // ---- hold / release ----

    static Optional<String> tagProblem(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.of(I18n.t("snapshots.hold.emptyTag"));
        }
        if (tag.length() > 255 || tag.startsWith("-") || tag.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of(I18n.t("snapshots.hold.badTag", tag));
        }
        return Optional.empty();
    }

    void hold(Snapshot s) {
        if (s == null) {
            return;
        }
        Optional<String> tag = dialogs.askName(new SnapshotDialogs.NamePrompt(I18n.t("snapshots.hold.title"),
                I18n.t("snapshots.hold.message", s.name()), "sluice-keep", SnapshotActions::tagProblem));
        if (tag.isEmpty() || tagProblem(tag.get()).isPresent()) {
            tag.flatMap(SnapshotActions::tagProblem).ifPresent(vm.notifier()::error);
            return;
        }
        holdOrRelease(s, tag.get(), true);
    }

    void release(Snapshot s, List<Hold> holds) {
        if (s == null) {
            return;
        }
        if (holds.isEmpty()) {
            vm.notifier().error(I18n.t("snapshots.release.none", s.name()));
            return;
        }
        List<String> tags = holds.stream().map(Hold::tag).toList();
        Optional<String> tag = dialogs.askName(new SnapshotDialogs.NamePrompt(I18n.t("snapshots.release.title"),
                I18n.t("snapshots.release.message", s.name(), String.join(", ", tags)), tags.get(0),
                t -> tags.contains(t) ? Optional.empty() : Optional.of(I18n.t("snapshots.release.unknownTag", t, String.join(", ", tags)))));
        if (tag.isEmpty() || !tags.contains(tag.get())) {
            tag.filter(t -> !tags.contains(t)).ifPresent(t ->
                    vm.notifier().error(I18n.t("snapshots.release.unknownTag", t, String.join(", ", tags))));
            return;
        }
        holdOrRelease(s, tag.get(), false);
    }

    private void holdOrRelease(Snapshot s, String tag, boolean hold) {
        Command command;
        try {
            command = hold ? ZfsCommands.hold(tag, List.of(s.name()), false) : ZfsCommands.release(tag, List.of(s.name()), false);
        } catch (InvalidZfsNameException e) {
            vm.notifier().error(e.getMessage());
            return;
        }
        String kind = hold ? "hold" : "release";
        if (dialogs.confirm(new SnapshotDialogs.Confirmation(I18n.t("snapshots." + kind + ".title"),
                I18n.t("snapshots." + kind + ".confirm", tag, s.name()), List.of(command), List.of(), false))) {
            run(I18n.t("snapshots." + kind + ".task", tag, s.name()),
                    zfs -> {
                        if (hold) {
                            try {
                                zfs.hold(tag, List.of(s.name()), false);
                            } catch (ZfsCommandException e) {
                                // zfs says "tag already exists", which ZfsErrors files under ALREADY_EXISTS
                                // with a message about names; say what it means for a hold
                                if (e.stderr().contains("tag already exists")) {
                                    throw new ZfsCommandException(e.kind(), I18n.t("snapshots.hold.tagExists", tag, s.name()),
                                            e.command(), e.exitCode(), e.stderr(), e.names(), null, e);
                                }
                                throw e;
                            }
                        } else {
                            zfs.release(tag, List.of(s.name()), false);
                        }
                    },
                    I18n.t("snapshots." + kind + ".done", tag, s.name()));
        }
    }

    // ---- running ----

    @FunctionalInterface
    interface Change {
        void apply(ZfsService zfs) throws Exception;
    }

    /** Runs a confirmed change in the background; tells the outcome; refreshes either way. */
    private void run(String title, Change change, String successText) {
        ZfsService zfs = vm.zfs();
        vm.setBusy(true);
        BackgroundTask.of(title, ctx -> {
                    change.apply(zfs);
                    return Boolean.TRUE;
                })
                .onSuccess(v -> vm.notifier().success(successText))
                .onFailure(e -> vm.notifier().error(SnapshotTimelineViewModel.userMessage(e)))
                .onFinally(() -> {
                    vm.setBusy(false);
                    vm.refresh();
                })
                .executeWith(vm.executor());
    }

    /** The dataset vanished between listing and acting (destroyed elsewhere). */
    static final class ZvolGoneException extends Exception {
        ZvolGoneException(String dataset) {
            super(I18n.t("snapshots.error.gone", dataset));
        }
    }

    static boolean isUserFacing(Throwable e) {
        return e instanceof ZfsException || e instanceof ZvolGoneException || e instanceof ZvolInUseException;
    }
}
