package dev.sluice.migrate;

import dev.sluice.qemu.live.LiveDriveMove;
import dev.sluice.qemu.live.LiveMoveException;
import dev.sluice.qemu.live.LivePause;
import dev.sluice.task.Progress;
import java.time.Duration;
import java.util.function.Function;

/**
 * The live steps of a running QEMU guest's move ({@link StepKind#LIVE_TRACK}, {@link StepKind#LIVE_MIRROR},
 * {@link StepKind#LIVE_PIVOT}) and their undo. Before the pivot every undo leaves the guest running on its source,
 * untouched. A guest that stopped meanwhile took its bitmaps and jobs with it: undo has nothing to do, and a resumed
 * mirror step says the tracking is lost (roll back and move again).
 */
final class LiveSteps {
    private final Function<GuestRef, GuestControl> guests;

    LiveSteps(Function<GuestRef, GuestControl> guests) {
        this.guests = guests;
    }

    /** The QMP names of one migration: unique, and found again after a restart of Sluice. */
    static String tag(MigrationRecord r) {
        return "sluice-" + r.id();
    }

    void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        LiveGuest guest = live(r);
        if (!guest.isRunning()) {
            throw new IllegalStateException(MigrationText.t("migrate.live.stopped", guest.describe()));
        }
        LiveDriveMove move = guest.liveMove(step.param("drive"), tag(r));
        try {
            switch (step.kind()) {
                case LIVE_TRACK -> move.startTracking();
                case LIVE_MIRROR -> {
                    ctx.onCancel(() -> {
                        try {
                            move.cancelJobs();
                        } catch (Exception ignored) {
                            // the rollback that follows cancels them again and reports what fails
                        }
                    });
                    long started = System.nanoTime();
                    LivePause p = move.copyChanges(step.param("targetDevice"), guest.aio(),
                            bytes -> ctx.progress(new Progress(bytes, -1, 0, null, "")), ctx::isCancelled);
                    Duration total = Duration.ofNanos(System.nanoTime() - started);
                    ctx.note(MigrationText.t("migrate.live.paused", seconds(p.paused()), p.rounds(),
                            MigrationPlanner.human(p.copiedRunning()), MigrationPlanner.human(p.copiedPaused()), seconds(total)));
                }
                case LIVE_PIVOT -> {
                    move.pivot();
                    guest.attach(step.param("targetDevice"));
                    ctx.note(MigrationText.t("migrate.live.switched", guest.describe(), step.param("targetDevice")));
                }
                default -> throw new IllegalArgumentException(step.kind().name());
            }
        } catch (LiveMoveException e) {
            throw new IllegalStateException(text(e, guest), e);
        }
    }

    void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
        LiveGuest guest = live(r);
        if (!guest.isRunning()) {
            return; // bitmaps, target node and jobs ended with the QEMU process
        }
        LiveDriveMove move = guest.liveMove(step.param("drive"), tag(r));
        try {
            switch (step.kind()) {
                case LIVE_TRACK -> move.removeTracking();
                // a mirror step that did not finish may have been killed inside its pause: resume the guest then
                case LIVE_MIRROR -> move.abort(step.status() != StepStatus.DONE && step.status() != StepStatus.UNDONE);
                case LIVE_PIVOT -> move.abort();
                default -> throw new IllegalArgumentException(step.kind().name());
            }
        } catch (LiveMoveException e) {
            throw new IllegalStateException(text(e, guest), e);
        }
    }

    private LiveGuest live(MigrationRecord r) {
        GuestControl gc = guests.apply(r.guest());
        if (gc instanceof LiveGuest l) {
            return l;
        }
        throw new IllegalStateException(MigrationText.t("migrate.live.onlyQemu", r.guest().vmName()));
    }

    private static String text(LiveMoveException e, LiveGuest guest) {
        return MigrationText.t("migrate.live.error." + e.kind().name(), guest.describe(), e.detail());
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
