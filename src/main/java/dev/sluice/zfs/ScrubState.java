package dev.sluice.zfs;

import java.time.Instant;

/**
 * The pool's last or running scan (scrub or resilver), from {@code scan_stats} of
 * {@code zpool status -j --json-int} (OpenZFS 2.3+). OpenZFS 2.1 has no machine-readable scan
 * state, so there {@link #UNAVAILABLE} is returned (state {@link State#UNKNOWN}) and the UI should
 * say "scrub status needs OpenZFS 2.3" rather than guess from the human text.
 */
public record ScrubState(Function function, State state, long toExamine, long examined, long issued,
                         long errors, Instant started, Instant ended, boolean paused) {

    public enum Function { NONE, SCRUB, RESILVER, ERRORSCRUB, UNKNOWN }

    public enum State { NONE, SCANNING, FINISHED, CANCELED, ERRORSCRUBBING, UNKNOWN }

    public static final ScrubState NEVER = new ScrubState(Function.NONE, State.NONE, 0, 0, 0, 0, null, null, false);
    public static final ScrubState UNAVAILABLE = new ScrubState(Function.UNKNOWN, State.UNKNOWN, 0, 0, 0, 0, null, null, false);

    public boolean running() {
        return state == State.SCANNING || state == State.ERRORSCRUBBING;
    }

    /**
     * 0..1 of the data verified so far (issued / to examine); 1 once finished (a finished scrub's
     * issued bytes stay a little under to_examine, as skipped blocks are not issued); -1 when not known.
     */
    public double fraction() {
        if (state == State.FINISHED) {
            return 1.0;
        }
        if (toExamine <= 0) {
            return -1;
        }
        return Math.min(1.0, (double) issued / toExamine);
    }
}
