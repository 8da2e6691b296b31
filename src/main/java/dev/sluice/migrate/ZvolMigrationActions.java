package dev.sluice.migrate;

import dev.sluice.host.CommandException;
import dev.sluice.host.StreamRoute;
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
    /** The target host's ZFS: {@link #zfs} itself for a move between pools of one host. */
    private final ZfsService tz;
    private final StreamRoute route;
    private final Function<GuestRef, GuestControl> guests;
    private final LiveSteps live;

    public ZvolMigrationActions(ZfsService zfs, Function<GuestRef, GuestControl> guests) {
        this(zfs, MigrationTarget.sameHost("", zfs), guests);
    }

    /** Moves to {@code to}'s host (or this one): target-side checks run there, streams go along its route. */
    public ZvolMigrationActions(ZfsService zfs, MigrationTarget to, Function<GuestRef, GuestControl> guests) {
        this.zfs = zfs;
        this.tz = to.zfs();
        this.route = to.route();
        this.guests = guests;
        this.live = new LiveSteps(guests);
    }

    @Override
    public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        GuestControl guest = r.guest().present() ? guests.apply(r.guest()) : GuestControl.NONE;
        switch (step.kind()) {
            case PRESEED_SNAPSHOT -> snapshotOnce(step.param("seed"), ctx);
            case PRESEED_SEND, FINAL_SEND -> {
                for (SendSpec spec : Transfers.of(step, r)) {
                    transfer(spec, step, r, ctx);
                }
            }
            case STOP_GUEST -> guest.stop(ctx);
            case DETACH_DISK -> guest.detach(step.param("sourceDevice"));
            case FINAL_SNAPSHOT -> snapshotOnce(step.param("final"), ctx);
            case VERIFY -> verify(step, ctx);
            case REPOINT_DISK -> guest.attach(step.param("targetDevice"));
            case START_GUEST -> guest.start();
            case DESTROY_SOURCE -> {
                if (zfs.dataset(step.param("source")).isPresent()) {
                    zfs.destroy(step.param("source"), DestroyFlags.RECURSIVE);
                }
            }
            case LIVE_TRACK, LIVE_MIRROR, LIVE_PIVOT -> live.execute(step, r, ctx);
            case CLEAN_UP -> {
                destroyIfThere(tz, onTarget(step, step.param("seed")));
                if (!r.options().destroySource()) {
                    destroyIfThere(zfs, step.param("seed"));
                }
            }
        }
    }

    @Override
    public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        GuestControl guest = r.guest().present() ? guests.apply(r.guest()) : GuestControl.NONE;
        switch (step.kind()) {
            case PRESEED_SNAPSHOT -> destroyIfThere(zfs, step.param("seed"));
            case FINAL_SNAPSHOT -> destroyIfThere(zfs, step.param("final"));
            case PRESEED_SEND, FINAL_SEND -> cleanTarget(step, r, ctx);
            case STOP_GUEST -> {
                if (r.guest().wasRunning()) {
                    guest.start();
                }
            }
            case DETACH_DISK -> guest.attach(step.param("sourceDevice"));
            case REPOINT_DISK -> {
                if (guest.isRunning()) {
                    // someone started the VM on the new disk after this step: what it wrote there must not be undone
                    throw new IllegalStateException(MigrationText.t("migrate.engine.guestRunsOnTarget", guest.describe()));
                }
                guest.detach(step.param("targetDevice"));
            }
            case START_GUEST -> {
                if (guest.isRunning()) {
                    guest.stop(ctx);
                }
            }
            case LIVE_TRACK, LIVE_MIRROR, LIVE_PIVOT -> live.undo(step, r, ctx);
            case VERIFY, CLEAN_UP -> { }
            case DESTROY_SOURCE -> throw new IllegalStateException(MigrationText.t("migrate.engine.sourceGone"));
        }
    }

    private void snapshotOnce(String snapshot, StepContext ctx) throws ZfsException, CommandException {
        if (snapshotExists(zfs, snapshot)) {
            ctx.note(MigrationText.t("migrate.engine.snapshotThere"));
            return;
        }
        zfs.snapshot(List.of(snapshot));
    }

    /** How often a transfer whose connection dropped is resumed from the target's receive token before it fails. */
    static final int RESUMES = 3;

    /**
     * Sends unless the target already has the snapshot; resumes an interrupted receive from its token. A stream
     * that breaks off (a dropped connection, a killed ssh) and left a resume token on the target is resumed from
     * it, up to {@link #RESUMES} times: what arrived stays.
     */
    private void transfer(SendSpec spec, MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                transferOnce(spec, step, r, ctx);
                return;
            } catch (ZfsException | CommandException e) {
                if (ctx.isCancelled() || attempt >= RESUMES || !brokenStream(e) || !awaitToken(step.param("target"), ctx)) {
                    throw e;
                }
                ctx.note(MigrationText.t("migrate.engine.resumingAfterDrop", attempt + 1, RESUMES));
            }
        }
    }

    /** Failures of the stream itself, not of ZFS refusing it: worth a resume when a token says what arrived. */
    private static boolean brokenStream(Exception e) {
        if (e instanceof CommandException.HostUnreachable || e instanceof CommandException.Failed) {
            return true;
        }
        return e instanceof ZfsException z && (z.kind() == ZfsException.Kind.UNKNOWN || z.kind() == ZfsException.Kind.RECEIVE_INTERRUPTED);
    }

    /** Waits until the target's receive has ended with a resume token (it may outlive the connection); false when none comes. */
    private boolean awaitToken(String target, StepContext ctx) throws InterruptedException {
        java.time.Instant until = java.time.Instant.now().plus(TOKEN_WAIT);
        while (java.time.Instant.now().isBefore(until) && !ctx.isCancelled()) {
            try {
                if (tz.dataset(target).isPresent() && tz.resumeToken(target).isPresent()) {
                    return true;
                }
            } catch (ZfsException | CommandException e) {
                // the target host may be back in a moment
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /** How long a broken stream's receive gets to end and leave its token. */
    static final java.time.Duration TOKEN_WAIT = java.time.Duration.ofSeconds(60);

    private void transferOnce(SendSpec spec, MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        String target = step.param("target");
        if (snapshotExists(tz, onTarget(step, spec.snapshot()))) {
            ctx.note(MigrationText.t("migrate.engine.alreadyOnTarget"));
            return;
        }
        ReceiveSpec recv = MigrationPlanner.receiveSpec(target, r.options());
        SendReceive sr;
        Optional<String> token = tz.dataset(target).isPresent() ? tz.resumeToken(target) : Optional.empty();
        if (token.isPresent()) {
            try {
                sr = zfs.resumeReceive(recv, tz, route);
                ctx.note(MigrationText.t("migrate.engine.resumedTransfer"));
            } catch (ZfsException e) {
                if (e.kind() != ZfsException.Kind.RESUME_TOKEN_INVALID) {
                    throw e;
                }
                // the partial state is this migration's own (the target did not exist when it was planned)
                sr = zfs.restartReceive(MigrationPlanner.options(spec, r.options()), recv, true, tz, route);
                ctx.note(MigrationText.t("migrate.engine.restartedTransfer"));
            }
        } else {
            sr = zfs.sendReceive(MigrationPlanner.options(spec, r.options()), recv, route);
        }
        sr.run(ctx.asTaskContext());
    }

    private void verify(MigrationStep step, StepContext ctx) throws Exception {
        String fin = step.param("final");
        String finTarget = onTarget(step, fin);
        String a = single(zfs.properties(fin, "guid"));
        String b = single(tz.properties(finTarget, "guid"));
        if (!a.equals(b)) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.guidDiffers", b, a));
        }
        String va = single(zfs.properties(step.param("source"), "volsize"));
        String vb = single(tz.properties(step.param("target"), "volsize"));
        if (!va.equals(vb)) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.volsizeDiffers", va, vb));
        }
        int carried = 0;
        if (!step.params().getOrDefault("history", "").isEmpty()) {
            java.util.Map<String, String> onTarget = new java.util.HashMap<>();
            tz.snapshots(step.param("target")).forEach(sn -> onTarget.put(sn.shortName(), sn.guid()));
            for (var sn : zfs.snapshots(step.param("source"))) {
                if (sn.shortName().startsWith(MigrationPlanner.SNAPSHOT_PREFIX)) {
                    continue;
                }
                if (!sn.guid().equals(onTarget.get(sn.shortName()))) {
                    throw new IllegalStateException(MigrationText.t("migrate.engine.historyMissing", sn.name(), step.param("target")));
                }
                carried++;
            }
        }
        ctx.note(MigrationText.t("migrate.engine.verified", a, va, carried));
    }

    /** How long a rollback waits for a receive that outlived its connection (the stream still arriving) to end. */
    static final java.time.Duration ORPHAN_WAIT = java.time.Duration.ofMinutes(3);

    /**
     * Removes what this migration received, unless the user chose to keep a partial target resumable. When the
     * connection dropped mid-send, the host's {@code zfs receive} may still be running and hold the target: the
     * destroy waits (and says so) until it has ended, instead of leaving the rollback half done.
     */
    private void cleanTarget(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        java.time.Instant until = java.time.Instant.now().plus(ORPHAN_WAIT);
        while (true) {
            try {
                cleanTargetOnce(step, r, ctx);
                return;
            } catch (ZfsException e) {
                if (e.kind() != ZfsException.Kind.BUSY || java.time.Instant.now().isAfter(until)) {
                    throw e;
                }
                ctx.note(MigrationText.t("migrate.engine.waitingForReceive", step.param("target")));
                Thread.sleep(2000);
            }
        }
    }

    private void cleanTargetOnce(MigrationStep step, MigrationRecord r, StepContext ctx) throws ZfsException, CommandException {
        String target = step.param("target");
        if (tz.dataset(target).isEmpty()) {
            return;
        }
        if (r.options().keepPartialTarget()) {
            ctx.note(MigrationText.t(tz.resumeToken(target).isPresent() ? "migrate.engine.keptResumable" : "migrate.engine.kept", target));
            return;
        }
        if (tz.resumeToken(target).isPresent()) {
            tz.abortPartialReceive(target);
        }
        if (tz.dataset(target).isPresent()) {
            tz.destroy(target, DestroyFlags.RECURSIVE);
        }
    }

    private static boolean snapshotExists(ZfsService on, String snapshot) throws ZfsException, CommandException {
        String dataset = snapshot.substring(0, snapshot.indexOf('@'));
        return on.dataset(dataset).isPresent()
                && on.snapshots(dataset).stream().anyMatch(s -> s.name().equals(snapshot));
    }

    private static void destroyIfThere(ZfsService on, String snapshot) throws ZfsException, CommandException {
        if (snapshotExists(on, snapshot)) {
            on.destroy(snapshot, DestroyFlags.NONE);
        }
    }

    private static String onTarget(MigrationStep step, String sourceSnapshot) {
        return step.param("target") + sourceSnapshot.substring(sourceSnapshot.indexOf('@'));
    }

    private static String single(List<Property> props) {
        if (props.isEmpty()) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.noValue"));
        }
        return props.get(0).value();
    }
}
