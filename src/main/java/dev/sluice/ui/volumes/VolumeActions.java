package dev.sluice.ui.volumes;

import dev.sluice.host.Command;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.dialogs.CommandPlan;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.dialogs.Passphrase;
import dev.sluice.ui.common.dialogs.Verdict;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.DestroyPreview;
import dev.sluice.zfs.InvalidSizeException;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsNames;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.ZfsSizes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Volumes actions: the exact commands (from {@link ZfsCommands}), the plan the user
 * confirms, and the work that runs those same commands. Passphrases travel only as secret stdin
 * and are wiped when the action is cleaned up, run or declined.
 */
final class VolumeActions {

    @FunctionalInterface
    interface Builder {
        ConfirmableAction build(VolumeActions actions) throws InvalidZfsNameException, InvalidSizeException;
    }

    private final ZfsService zfs;
    private final DiskUsers diskUsers;

    VolumeActions(ZfsService zfs, DiskUsers diskUsers) {
        this.zfs = zfs;
        this.diskUsers = diskUsers;
    }

    ConfirmableAction createZvol(CreateZvolForm form, Passphrase passphrase) throws InvalidZfsNameException {
        String name = form.fullName();
        long bytes = form.sizeBytes();
        Map<String, String> props = new LinkedHashMap<>();
        if (form.newEncryption()) {
            if (passphrase == null) {
                throw new IllegalArgumentException("new encryption needs a passphrase");
            }
            props.put("encryption", "on");
            props.put("keyformat", "passphrase");
            props.put("keylocation", "prompt");
        }
        Command base = ZfsCommands.createVolume(name, bytes, form.thinProperty().get(), form.explicitBlockSize(), props);
        Command c = form.newEncryption() ? base.withSecretStdin(passphrase.utf8()) : base;
        String sentence = I18n.t(form.thinProperty().get() ? "volumes.create.sentence.thin" : "volumes.create.sentence.thick",
                name, Sizes.human(bytes), ZfsSizes.format(form.effectiveBlockSize()))
                + (form.newEncryption() ? " " + I18n.t("volumes.create.sentence.encrypted") : "");
        CommandPlan plan = CommandPlan.of(I18n.t("volumes.create.planTitle", name), sentence, List.of(c))
                .withConfirmLabel(I18n.t("volumes.create.confirm"));
        return new ConfirmableAction(plan, ctx -> zfs.run(c), I18n.t("volumes.create.done", name))
                .withCleanup(() -> wipe(c, passphrase));
    }

    /** A plain filesystem, e.g. a parent for zvols: {@code zfs create <name>}. */
    ConfirmableAction createDataset(String name) throws InvalidZfsNameException {
        Command c = ZfsCommands.createFilesystem(name, Map.of());
        CommandPlan plan = CommandPlan.of(I18n.t("volumes.createDataset.planTitle", name),
                        I18n.t("volumes.createDataset.sentence", name), List.of(c))
                .withConfirmLabel(I18n.t("volumes.create.confirm"));
        return new ConfirmableAction(plan, ctx -> zfs.run(c), I18n.t("volumes.createDataset.done", name));
    }

    /**
     * The verdict on a new dataset's full name: valid, not there yet, and its parent an existing
     * filesystem ({@code existing}: every dataset's name and whether it is a zvol).
     */
    static Verdict checkNewDataset(String name, Map<String, Boolean> existing) {
        String n = name == null ? "" : name.strip();
        String problem = ZfsNames.problem(n);
        if (n.isEmpty() || n.indexOf('@') >= 0 || n.indexOf('#') >= 0 || problem != null) {
            return Verdict.problem(problem != null && !n.isEmpty() ? problem : I18n.t("volumes.createDataset.name.empty"));
        }
        if (existing.containsKey(n)) {
            return Verdict.problem(I18n.t("volumes.create.name.exists", n));
        }
        String parent = ZfsNames.parentOf(n);
        if (parent == null) {
            return Verdict.problem(I18n.t("volumes.createDataset.name.empty"));
        }
        Boolean parentIsVolume = existing.get(parent);
        if (parentIsVolume == null) {
            return Verdict.problem(I18n.t("volumes.createDataset.parent.missing", parent));
        }
        if (parentIsVolume) {
            return Verdict.problem(I18n.t("volumes.createDataset.parent.zvol", parent));
        }
        return Verdict.ok(I18n.t("volumes.create.name.ok", n));
    }

    static Verdict checkResize(DatasetRow row, String text) {
        long current = row.dataset().volsize();
        long bytes;
        try {
            bytes = ZfsSizes.parseVolumeSize(text, blockSizeOf(row));
        } catch (InvalidSizeException e) {
            return Verdict.problem(e.getMessage());
        }
        if (bytes == current) {
            return Verdict.problem(I18n.t("volumes.resize.same", Sizes.human(current)));
        }
        if (bytes < current) {
            return Verdict.ok(I18n.t("volumes.resize.shrinkHint", Sizes.human(current - bytes)));
        }
        return Verdict.ok(I18n.t("volumes.resize.growHint", Sizes.human(bytes - current), Sizes.human(bytes)));
    }

    ConfirmableAction resize(DatasetRow row, String text) throws InvalidZfsNameException, InvalidSizeException {
        long current = row.dataset().volsize();
        long bytes = ZfsSizes.parseVolumeSize(text, blockSizeOf(row));
        Command c = ZfsCommands.setVolsize(row.name(), bytes);
        String change = I18n.t("volumes.resize.change", Sizes.human(current), Sizes.human(bytes));
        CommandPlan plan;
        if (bytes < current) {
            plan = CommandPlan.destructive(I18n.t("volumes.resize.shrinkTitle", row.name()),
                            I18n.t("volumes.resize.shrinkSentence", row.name(), Sizes.human(bytes), Sizes.human(current - bytes)),
                            List.of(c), List.of(change))
                    .withAcknowledgement(I18n.t("volumes.resize.shrinkAck", Sizes.human(current - bytes)))
                    .withConfirmLabel(I18n.t("volumes.resize.shrinkConfirm"));
        } else {
            plan = CommandPlan.of(I18n.t("volumes.resize.growTitle", row.name()),
                            I18n.t("volumes.resize.growSentence", row.name(), Sizes.human(bytes)), List.of(c))
                    .withDetails(List.of(change))
                    .withConfirmLabel(I18n.t("volumes.resize.confirm"));
        }
        return new ConfirmableAction(plan, ctx -> zfs.run(c), I18n.t("volumes.resize.done", row.name(), Sizes.human(bytes)));
    }

    private static long blockSizeOf(DatasetRow row) {
        return row.dataset().volblocksize() > 0 ? row.dataset().volblocksize() : 0;
    }

    /**
     * Runs in the background: asks {@code zfs destroy -nvp} what goes, first plainly, then with -r when
     * the dataset has children or snapshots, then with -R when clones depend on it, so the command
     * shown is the least destructive one that can succeed, and the list shows all it takes.
     */
    ConfirmableAction destroy(DatasetRow row) throws Exception {
        DestroyPreview preview;
        try {
            preview = zfs.destroyPreview(row.name(), DestroyFlags.NONE);
        } catch (ZfsCommandException e) {
            if (e.kind() != ZfsException.Kind.HAS_CHILDREN && e.kind() != ZfsException.Kind.HAS_DEPENDENT_CLONES) {
                throw e;
            }
            try {
                preview = zfs.destroyPreview(row.name(), e.kind() == ZfsException.Kind.HAS_CHILDREN
                        ? DestroyFlags.RECURSIVE : DestroyFlags.RECURSIVE_WITH_CLONES);
            } catch (ZfsCommandException again) {
                if (again.kind() != ZfsException.Kind.HAS_DEPENDENT_CLONES) {
                    throw again;
                }
                preview = zfs.destroyPreview(row.name(), DestroyFlags.RECURSIVE_WITH_CLONES);
            }
        }
        List<String> goes = preview.everything();
        // a VM's disk among what goes: refused while the VM runs, named (and acknowledged) when it is off
        List<DiskUsers.User> users = diskUsers.using(goes.stream().filter(n -> n.indexOf('@') < 0 && n.indexOf('#') < 0).toList());
        List<String> running = vmsOnDisks(users.stream().filter(DiskUsers.User::running).toList());
        if (!running.isEmpty()) {
            throw new DiskInUseException(I18n.t("volumes.destroy.refusedRunning", row.name(), String.join(", ", running)));
        }
        List<String> stopped = vmsOnDisks(users);
        Command c = preview.command();
        String sentence = I18n.t(preview.flags().dependents() ? "volumes.destroy.sentenceClones"
                : preview.flags().recursive() ? "volumes.destroy.sentenceRecursive" : "volumes.destroy.sentence", row.name(), goes.size());
        if (preview.reclaimBytes() >= 0) {
            sentence = sentence + " " + I18n.t("volumes.destroy.reclaim", Sizes.human(preview.reclaimBytes()));
        }
        if (!stopped.isEmpty()) {
            sentence = sentence + " " + I18n.t("volumes.destroy.vmDisks", String.join(", ", stopped));
        }
        CommandPlan plan = CommandPlan.destructive(I18n.t("volumes.destroy.title", row.name()), sentence, List.of(c), goes)
                .withConfirmLabel(I18n.t("volumes.destroy.confirm"));
        if (!stopped.isEmpty()) {
            plan = plan.withAcknowledgement(I18n.t("volumes.destroy.ackVmDisks", stopped.size()));
        } else if (goes.size() > 1) {
            plan = plan.withAcknowledgement(I18n.t("volumes.destroy.ack", goes.size()));
        }
        DestroyPreview confirmed = preview;
        return new ConfirmableAction(plan, ctx -> {
            zfs.destroy(confirmed);
            return null;
        }, I18n.t("volumes.destroy.done", row.name(), goes.size()));
    }

    /** "VM web01 (tank/vm/disk0)", once per VM and disk. */
    private static List<String> vmsOnDisks(List<DiskUsers.User> users) {
        return users.stream().map(u -> I18n.t("volumes.destroy.vmOnDisk", u.vm(), u.zvol())).distinct().toList();
    }

    ConfirmableAction loadKey(DatasetRow row, Passphrase passphrase) throws InvalidZfsNameException {
        char[] chars = passphrase.chars();
        Command c;
        try {
            c = ZfsCommands.loadKey(row.name(), chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
        CommandPlan plan = CommandPlan.of(I18n.t("volumes.loadKey.title", row.name()),
                I18n.t("volumes.loadKey.sentence", row.name()), List.of(c))
                .withConfirmLabel(I18n.t("volumes.action.loadKey"));
        Command run = c;
        return new ConfirmableAction(plan, ctx -> zfs.run(run), I18n.t("volumes.loadKey.done", row.name()))
                .withCleanup(() -> wipe(run, passphrase));
    }

    ConfirmableAction unloadKey(DatasetRow row) throws InvalidZfsNameException {
        List<Command> commands = new ArrayList<>();
        if (row.dataset().mounted()) {
            // zfs refuses to unload the key of a mounted filesystem ("is busy"); unmount first
            commands.add(Command.of("zfs", "unmount", ZfsNames.requireDataset(row.name())).asRoot());
        }
        commands.add(ZfsCommands.unloadKey(row.name()));
        CommandPlan plan = CommandPlan.of(I18n.t("volumes.unloadKey.title", row.name()),
                I18n.t(row.isVolume() ? "volumes.unloadKey.sentenceVolume" : "volumes.unloadKey.sentence", row.name()), commands)
                .withConfirmLabel(I18n.t("volumes.action.unloadKey"));
        return new ConfirmableAction(plan, ctx -> {
            for (Command c : commands) {
                zfs.run(c);
            }
            return null;
        }, I18n.t("volumes.unloadKey.done", row.name()));
    }

    private static void wipe(Command c, Passphrase p) {
        if (c.stdin() != null) {
            Arrays.fill(c.stdin(), (byte) 0);
        }
        if (p != null) {
            p.close();
        }
    }

    /** A destroy refused because a running VM has its disk on what would go. The message says which and what to do. */
    static final class DiskInUseException extends Exception {
        DiskInUseException(String message) {
            super(message);
        }
    }
}
