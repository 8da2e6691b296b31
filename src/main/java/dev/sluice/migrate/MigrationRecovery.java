package dev.sluice.migrate;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.DestroyPreview;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.List;

/**
 * What may be done with a migration found unfinished, and what a roll back would destroy. Before the
 * point of no return: resume or roll back. After it (the guest was started on the new disk): only finish the
 * remaining steps or dismiss, because undoing would destroy what the guest wrote there. A roll back that
 * destroys anything is shown first as {@code zfs destroy -nvp} output and runs only when the user confirms
 * exactly that list.
 */
public final class MigrationRecovery {

    public enum Offer { RESUME, ROLL_BACK, FINISH, DISMISS }

    /** What a roll back would destroy: each dry run's names, and the destroys it would run. */
    public record RollBackPreview(List<String> destroyed, List<Command> commands) {
        public RollBackPreview {
            destroyed = List.copyOf(destroyed);
            commands = List.copyOf(commands);
        }

        public boolean destroysNothing() {
            return destroyed.isEmpty();
        }
    }

    private MigrationRecovery() {
    }

    public static List<Offer> offers(MigrationRecord r) {
        if (r.pastPointOfNoReturn()) {
            return List.of(Offer.FINISH, Offer.DISMISS);
        }
        return r.state() == MigrationState.INTERRUPTED ? List.of(Offer.RESUME, Offer.ROLL_BACK) : List.of(Offer.ROLL_BACK);
    }

    /**
     * The dry run of everything a roll back of {@code r} would destroy: the target (unless a partial target is
     * kept resumable) and this migration's own snapshots on the source. Blocking.
     */
    public static RollBackPreview preview(ZfsService zfs, MigrationRecord r) throws ZfsException, CommandException {
        return preview(zfs, zfs, r);
    }

    /** {@link #preview(ZfsService, MigrationRecord)} of a move to another host: the target is on {@code targetZfs}'s host. */
    public static RollBackPreview preview(ZfsService zfs, ZfsService targetZfs, MigrationRecord r) throws ZfsException, CommandException {
        if (r.pastPointOfNoReturn()) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.noRollBack", r.source(), r.target()));
        }
        List<String> names = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        boolean sent = r.steps().stream().anyMatch(s -> (s.kind() == StepKind.PRESEED_SEND || s.kind() == StepKind.FINAL_SEND)
                && s.status() != StepStatus.PENDING && s.status() != StepStatus.UNDONE);
        if (sent && !r.options().keepPartialTarget() && targetZfs.dataset(r.target()).isPresent()) {
            add(targetZfs.destroyPreview(r.target(), DestroyFlags.RECURSIVE), names, commands);
        }
        for (MigrationStep s : r.steps()) {
            if ((s.kind() == StepKind.PRESEED_SNAPSHOT || s.kind() == StepKind.FINAL_SNAPSHOT) && s.status() != StepStatus.PENDING
                    && s.status() != StepStatus.UNDONE) {
                String snap = s.param(s.kind() == StepKind.PRESEED_SNAPSHOT ? "seed" : "final");
                String ds = snap.substring(0, snap.indexOf('@'));
                if (zfs.dataset(ds).isPresent() && zfs.snapshots(ds).stream().anyMatch(x -> x.name().equals(snap))) {
                    add(zfs.destroyPreview(snap, DestroyFlags.NONE), names, commands);
                }
            }
        }
        return new RollBackPreview(names, commands);
    }

    private static void add(DestroyPreview p, List<String> names, List<Command> commands) {
        p.everything().stream().filter(n -> !names.contains(n)).forEach(names::add);
        commands.add(p.command());
    }

    /** Leaves a migration past the point of no return as it is; its record stays, marked dismissed. */
    public static MigrationRecord dismiss(MigrationStore store, MigrationRecord r) {
        MigrationRecord mine = store.claim(r.id());
        Migration m = new Migration(mine, store);
        if (!m.transition(mine.state(), MigrationState.DISMISSED, MigrationText.t("migrate.engine.dismissed", mine.error()))) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.cannotDismiss", r.source(), mine.state()));
        }
        return m.record();
    }
}
