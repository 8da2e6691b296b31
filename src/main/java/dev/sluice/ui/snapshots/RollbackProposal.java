package dev.sluice.ui.snapshots;

import dev.sluice.host.Command;
import dev.sluice.host.ShellQuote;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.RollbackPlan;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the rollback safety dialog shows, worked out before anything runs: what {@code zfs rollback}
 * destroys (from the ZFS service's {@link RollbackPlan}), the guard copy, and the clone-instead alternative,
 * each as the exact commands.
 *
 * <p>Why the guard is a copy and not just a snapshot: {@code rollback -r} destroys every snapshot newer
 * than the target, and a guard snapshot of the current state is by definition the newest, so it would be
 * destroyed again by the very rollback it guards. Holding it makes the rollback fail; cloning it makes
 * {@code -r} fail and {@code -R} destroy the clone; promoting the clone moves the rollback target away.
 * So the guard is a snapshot that is then copied out with {@code zfs send -w | zfs receive -u} into
 * {@code <pool>/sluice-guards/<dataset>-<time>}: an independent dataset (raw, so encrypted data stays
 * encrypted and needs no key) that nothing in the rollback touches. It costs the dataset's referenced
 * space once; "clone instead" costs nothing and destroys nothing.
 *
 * @param plan            what the rollback destroys and the rollback command itself
 * @param zvol            the dataset is a volume
 * @param guardParent     {@code <pool>/sluice-guards}
 * @param createGuardParent whether that dataset must be created first (it does not exist yet)
 * @param guardSnapshot   {@code <ds>@sluice-guard-<time>}
 * @param guardCopy       {@code <pool>/sluice-guards/<ds with / as _>-<time>}
 * @param guardBytes      about how much the copy takes (the dataset's referenced bytes)
 * @param cloneTarget     the proposed name for "clone instead" ({@code <ds>-restored-<time>})
 */
public record RollbackProposal(RollbackPlan plan, boolean zvol, String guardParent, boolean createGuardParent,
                               String guardSnapshot, String guardCopy, long guardBytes, String cloneTarget) {

    public static final String GUARDS = dev.sluice.ui.common.InternalDatasets.GUARDS;

    /** Names for a rollback of {@code plan.snapshot()} proposed at {@code stamp} ({@code 20261121-104700}). */
    public static RollbackProposal of(RollbackPlan plan, boolean zvol, boolean guardParentExists, long referencedBytes,
                                      String stamp) {
        String ds = ZfsNames.datasetOf(plan.snapshot());
        String pool = ZfsNames.poolOf(ds);
        String parent = pool + "/" + GUARDS;
        String flat = ds.equals(pool) ? pool : ds.substring(pool.length() + 1).replace('/', '_');
        return new RollbackProposal(plan, zvol, parent, !guardParentExists, ds + "@sluice-guard-" + stamp,
                parent + "/" + flat + "-" + stamp, referencedBytes, ds + "-restored-" + stamp);
    }

    public String snapshot() {
        return plan.snapshot();
    }

    public String dataset() {
        return ZfsNames.datasetOf(plan.snapshot());
    }

    /** What the rollback destroys; with the guard on, its own guard snapshot too (the copy stays). */
    public List<String> destroyed(boolean guard) {
        List<String> all = new ArrayList<>(plan.destroyedNames());
        if (guard) {
            all.add(guardSnapshot);
        }
        return List.copyOf(all);
    }

    /** The raw send of the guard snapshot; full, not resumable: a broken copy leaves nothing and stops the rollback. */
    public SendSpec guardSend() {
        return SendSpec.full(guardSnapshot).withRaw();
    }

    public ReceiveSpec guardReceive() {
        return ReceiveSpec.into(guardCopy).notResumable().withNoMount();
    }

    public Command createGuardParentCommand() throws InvalidZfsNameException {
        return ZfsCommands.createFilesystem(guardParent, Map.of("canmount", "off"));
    }

    /** The steps, in order, as the user would type them; a pipeline is one line. */
    public List<String> rollbackSteps(boolean guard) throws InvalidZfsNameException {
        List<String> steps = new ArrayList<>();
        if (guard) {
            if (createGuardParent) {
                steps.add(createGuardParentCommand().toShell());
            }
            steps.add(ZfsCommands.snapshot(List.of(guardSnapshot)).toShell());
            steps.add(ShellQuote.join(ZfsCommands.send(guardSend()).argv()) + " | "
                    + ShellQuote.join(ZfsCommands.receive(guardReceive()).argv()));
        }
        steps.add(plan.command().toShell());
        return List.copyOf(steps);
    }

    public List<String> cloneSteps(String target) throws InvalidZfsNameException {
        return List.of(ZfsCommands.clone(plan.snapshot(), target, Map.of()).toShell());
    }
}
