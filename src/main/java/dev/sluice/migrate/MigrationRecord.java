package dev.sluice.migrate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything known about one migration, persisted as JSON after every change: the plan, each step's
 * state, the guest's downtime. It is what the progress page shows and what a restart reads back.
 */
public record MigrationRecord(String id, String hostId, Instant created, String source, String target,
                              MigrationOptions options, GuestRef guest, MigrationState state,
                              List<MigrationStep> steps, Instant downtimeStarted, Instant downtimeEnded, String error,
                              OwnerLease owner) {

    public MigrationRecord {
        steps = List.copyOf(steps);
        error = error == null ? "" : error;
    }

    /** A record nobody owns (planned, or read back from before leases existed). */
    public MigrationRecord(String id, String hostId, Instant created, String source, String target, MigrationOptions options,
                           GuestRef guest, MigrationState state, List<MigrationStep> steps, Instant downtimeStarted,
                           Instant downtimeEnded, String error) {
        this(id, hostId, created, source, target, options, guest, state, steps, downtimeStarted, downtimeEnded, error, null);
    }

    public MigrationRecord withOwner(OwnerLease o) {
        return new MigrationRecord(id, hostId, created, source, target, options, guest, state, steps, downtimeStarted,
                downtimeEnded, error, o);
    }

    /**
     * The guest has been started on the new disk (or the start was attempted, so it may have), or the source
     * destruction began: from here on the target holds the only current data and nothing may destroy it. Recovery
     * offers only "finish the remaining steps" and "dismiss".
     */
    public boolean pastPointOfNoReturn() {
        // a live pivot that did not finish may not have switched: its undo checks QEMU and fails if it did, and then
        // only finishing (which sees the switch and re-points the definition) is right
        return steps.stream().anyMatch(s -> (s.kind() == StepKind.START_GUEST || s.kind() == StepKind.DESTROY_SOURCE)
                && s.status() != StepStatus.PENDING && s.status() != StepStatus.SKIPPED && s.status() != StepStatus.UNDONE
                || s.kind() == StepKind.LIVE_PIVOT && (s.status() == StepStatus.DONE || s.status() == StepStatus.UNDO_FAILED));
    }

    /** A live move: the guest keeps running and its QEMU switches the drive (there is no STOP_GUEST step). */
    public boolean live() {
        return steps.stream().anyMatch(s -> s.kind() == StepKind.LIVE_PIVOT);
    }

    /**
     * Between stopping a running guest and starting it again: no place to pause, because pausing here would leave
     * the guest down. A stop request waits until the guest runs again.
     */
    public boolean guestDown() {
        boolean stopped = steps.stream().anyMatch(s -> s.kind() == StepKind.STOP_GUEST && s.status() != StepStatus.PENDING
                && s.status() != StepStatus.UNDONE && s.status() != StepStatus.SKIPPED);
        boolean started = steps.stream().anyMatch(s -> s.kind() == StepKind.START_GUEST && s.status() == StepStatus.DONE);
        boolean restartStep = steps.stream().anyMatch(s -> s.kind() == StepKind.START_GUEST);
        return stopped && restartStep && !started;
    }

    public MigrationRecord withState(MigrationState s, String err) {
        return new MigrationRecord(id, hostId, created, source, target, options, guest, s, steps, downtimeStarted,
                downtimeEnded, err == null ? error : err, owner);
    }

    public MigrationRecord withOptions(MigrationOptions o) {
        return new MigrationRecord(id, hostId, created, source, target, o, guest, state, steps, downtimeStarted,
                downtimeEnded, error, owner);
    }

    public MigrationRecord withStep(MigrationStep step) {
        List<MigrationStep> next = new java.util.ArrayList<>(steps);
        next.set(step.index(), step);
        Instant dStart = downtimeStarted;
        Instant dEnd = downtimeEnded;
        if (step.kind() == StepKind.STOP_GUEST && step.status() == StepStatus.RUNNING) {
            dStart = step.started();
            dEnd = null;
        }
        if (step.kind() == StepKind.START_GUEST && step.status() == StepStatus.DONE) {
            dEnd = step.finished();
        }
        return new MigrationRecord(id, hostId, created, source, target, options, guest, state, next, dStart, dEnd, error, owner);
    }

    /** The host the zvol moves to, when it is not this record's host ({@link MigrationPlanner#TARGET_HOST}). */
    public Optional<String> targetHostId() {
        return steps.stream().map(s -> s.params().get(MigrationPlanner.TARGET_HOST)).filter(java.util.Objects::nonNull).findFirst();
    }

    /** How long the guest was down: from the stop request to the start finishing (empty without a guest). */
    public Optional<Duration> downtime() {
        if (downtimeStarted == null) {
            return Optional.empty();
        }
        Instant end = downtimeEnded != null ? downtimeEnded : Instant.now();
        return Optional.of(Duration.between(downtimeStarted, end));
    }

    public Optional<MigrationStep> current() {
        return steps.stream().filter(s -> s.status() == StepStatus.RUNNING || s.status() == StepStatus.UNDOING).findFirst();
    }

    /** A plain-language account of where everything stands, for failures and for interrupted migrations. */
    public String stateReport() {
        StringBuilder sb = new StringBuilder();
        for (MigrationStep s : steps) {
            String status = MigrationText.t("migrate.status." + s.status().name());
            sb.append(String.format("%2d. %-12s %s%s%n", s.index() + 1, status, s.title(),
                    s.message().isEmpty() ? "" : " \u2014 " + s.message()));
        }
        return sb.toString();
    }
}
