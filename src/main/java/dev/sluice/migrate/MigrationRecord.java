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
                              List<MigrationStep> steps, Instant downtimeStarted, Instant downtimeEnded, String error) {

    public MigrationRecord {
        steps = List.copyOf(steps);
        error = error == null ? "" : error;
    }

    public MigrationRecord withState(MigrationState s, String err) {
        return new MigrationRecord(id, hostId, created, source, target, options, guest, s, steps, downtimeStarted,
                downtimeEnded, err == null ? error : err);
    }

    public MigrationRecord withOptions(MigrationOptions o) {
        return new MigrationRecord(id, hostId, created, source, target, o, guest, state, steps, downtimeStarted,
                downtimeEnded, error);
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
        return new MigrationRecord(id, hostId, created, source, target, options, guest, state, next, dStart, dEnd, error);
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
            sb.append(String.format("%2d. %-16s %-11s %s%n", s.index() + 1, s.kind(), s.status(), s.message()));
        }
        return sb.toString();
    }
}
