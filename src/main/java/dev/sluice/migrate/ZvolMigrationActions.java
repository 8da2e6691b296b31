package dev.sluice.migrate;

import dev.sluice.host.CommandException;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.Property;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.SendReceive;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The real work behind each {@link StepKind} for moving a zvol between pools on one host. Every
 * action checks first whether its effect is already there, so that a migration resumed after a crash
 * runs it again safely (a snapshot that exists is kept; a send whose target snapshot exists is done;
 * an interrupted receive is resumed from its token).
 */
public final class ZvolMigrationActions implements StepActions {
    private final ZfsService zfs;
    private final Function<GuestRef, GuestControl> guests;

    public ZvolMigrationActions(ZfsService zfs, Function<GuestRef, GuestControl> guests) {
        this.zfs = zfs;
        this.guests = guests;
    }

    @Override
    public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        GuestControl guest = r.guest().present() ? guests.apply(r.guest()) : GuestControl.NONE;
        switch (step.kind()) {
            case PRESEED_SNAPSHOT -> snapshotOnce(step.param("seed"), ctx);
            case PRESEED_SEND -> transfer(SendSpec.full(step.param("seed")), step, r, ctx);
            case STOP_GUEST -> guest.stop(ctx);
            case DETACH_DISK -> guest.detach(step.param("sourceDevice"));
            case FINAL_SNAPSHOT -> snapshotOnce(step.param("final"), ctx);
            case FINAL_SEND -> transfer(hasStep(r, StepKind.PRESEED_SEND)
                    ? SendSpec.incremental(step.param("seed"), step.param("final")) : SendSpec.full(step.param("final")), step, r, ctx);
            case VERIFY -> verify(step, ctx);
            case REPOINT_DISK -> guest.attach(step.param("targetDevice"));
            case START_GUEST -> guest.start();
            case DESTROY_SOURCE -> zfs.destroy(step.param("source"), DestroyFlags.RECURSIVE);
            case CLEAN_UP -> {
                destroyIfThere(onTarget(step, step.param("seed")));
                if (!r.options().destroySource()) {
                    destroyIfThere(step.param("seed"));
                }
            }
        }
    }

    @Override
    public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        GuestControl guest = r.guest().present() ? guests.apply(r.guest()) : GuestControl.NONE;
        switch (step.kind()) {
            case PRESEED_SNAPSHOT -> destroyIfThere(step.param("seed"));
            case FINAL_SNAPSHOT -> destroyIfThere(step.param("final"));
            case PRESEED_SEND, FINAL_SEND -> cleanTarget(step, r, ctx);
            case STOP_GUEST -> {
                if (r.guest().wasRunning()) {
                    guest.start();
                }
            }
            case DETACH_DISK -> guest.attach(step.param("sourceDevice"));
            case REPOINT_DISK -> guest.detach(step.param("targetDevice"));
            case START_GUEST -> {
                if (guest.isRunning()) {
                    guest.stop(ctx);
                }
            }
            case VERIFY, CLEAN_UP -> { }
            case DESTROY_SOURCE -> throw new IllegalStateException("the source was destroyed; it cannot come back");
        }
    }

    private void snapshotOnce(String snapshot, StepContext ctx) throws ZfsException, CommandException {
        if (snapshotExists(snapshot)) {
            ctx.note("snapshot already there");
            return;
        }
        zfs.snapshot(List.of(snapshot));
    }

    /** Sends unless the target already has the snapshot; resumes an interrupted receive from its token. */
    private void transfer(SendSpec spec, MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        String target = step.param("target");
        if (snapshotExists(onTarget(step, spec.snapshot()))) {
            ctx.note("already on the target");
            return;
        }
        ReceiveSpec recv = MigrationPlanner.receiveSpec(target, r.options());
        SendReceive sr;
        Optional<String> token = zfs.dataset(target).isPresent() ? zfs.resumeToken(target) : Optional.empty();
        if (token.isPresent()) {
            try {
                sr = zfs.resumeReceive(recv);
                ctx.note("resumed an interrupted transfer");
            } catch (ZfsException e) {
                if (e.kind() != ZfsException.Kind.RESUME_TOKEN_INVALID) {
                    throw e;
                }
                // the partial state is this migration's own (the target did not exist when it was planned)
                sr = zfs.restartReceive(MigrationPlanner.options(spec, r.options()), recv, true);
                ctx.note("the interrupted transfer could not be resumed; sent again from the start");
            }
        } else {
            sr = zfs.sendReceive(MigrationPlanner.options(spec, r.options()), recv);
        }
        sr.run(ctx.asTaskContext());
    }

    private void verify(MigrationStep step, StepContext ctx) throws Exception {
        String fin = step.param("final");
        String finTarget = onTarget(step, fin);
        String a = single(zfs.properties(fin, "guid"));
        String b = single(zfs.properties(finTarget, "guid"));
        if (!a.equals(b)) {
            throw new IllegalStateException("the target snapshot's guid " + b + " differs from the source's " + a
                    + ": the copy is not the same data");
        }
        String va = single(zfs.properties(step.param("source"), "volsize"));
        String vb = single(zfs.properties(step.param("target"), "volsize"));
        if (!va.equals(vb)) {
            throw new IllegalStateException("volsize differs: source " + va + " bytes, target " + vb + " bytes");
        }
        ctx.note("guid " + a + " and volsize " + va + " match");
    }

    /** Removes what this migration received, unless the user chose to keep a partial target resumable. */
    private void cleanTarget(MigrationStep step, MigrationRecord r, StepContext ctx) throws ZfsException, CommandException {
        String target = step.param("target");
        if (zfs.dataset(target).isEmpty()) {
            return;
        }
        if (r.options().keepPartialTarget()) {
            ctx.note("kept '" + target + "' as it is" + (zfs.resumeToken(target).isPresent() ? " (resumable)" : ""));
            return;
        }
        if (zfs.resumeToken(target).isPresent()) {
            zfs.abortPartialReceive(target);
        }
        if (zfs.dataset(target).isPresent()) {
            zfs.destroy(target, DestroyFlags.RECURSIVE);
        }
    }

    private boolean snapshotExists(String snapshot) throws ZfsException, CommandException {
        String dataset = snapshot.substring(0, snapshot.indexOf('@'));
        return zfs.dataset(dataset).isPresent()
                && zfs.snapshots(dataset).stream().anyMatch(s -> s.name().equals(snapshot));
    }

    private void destroyIfThere(String snapshot) throws ZfsException, CommandException {
        if (snapshotExists(snapshot)) {
            zfs.destroy(snapshot, DestroyFlags.NONE);
        }
    }

    private static boolean hasStep(MigrationRecord r, StepKind k) {
        return r.steps().stream().anyMatch(s -> s.kind() == k);
    }

    private static String onTarget(MigrationStep step, String sourceSnapshot) {
        return step.param("target") + sourceSnapshot.substring(sourceSnapshot.indexOf('@'));
    }

    private static String single(List<Property> props) {
        if (props.isEmpty()) {
            throw new IllegalStateException("no value");
        }
        return props.get(0).value();
    }
}
