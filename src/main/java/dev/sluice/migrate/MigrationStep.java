package dev.sluice.migrate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One step of a plan: what it does ({@code kind} + {@code params}), the exact commands it will run as shell lines
 * (shown on the review page before anything runs, and copyable as a script), and how far it got. Immutable: the engine publishes a new instance
 * on every change.
 */
public record MigrationStep(int index, StepKind kind, String title, Map<String, String> params, List<String> commands,
                            StepStatus status, String message, Instant started, Instant finished) {

    public MigrationStep {
        params = Map.copyOf(params);
        commands = List.copyOf(commands);
        message = message == null ? "" : message;
    }

    public static MigrationStep planned(int index, StepKind kind, String title, Map<String, String> params,
                                        List<String> commands) {
        return new MigrationStep(index, kind, title, params, commands, StepStatus.PENDING, "", null, null);
    }

    public MigrationStep with(StepStatus s, String msg) {
        Instant now = Instant.now();
        Instant st = s == StepStatus.RUNNING ? now : started;
        Instant fin = s == StepStatus.RUNNING || s == StepStatus.UNDOING ? null : now;
        return new MigrationStep(index, kind, title, params, commands, s, msg, st, fin);
    }

    public String param(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalStateException("step " + kind + " lacks parameter " + key);
        }
        return v;
    }
}
