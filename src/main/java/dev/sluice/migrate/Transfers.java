package dev.sluice.migrate;

import dev.sluice.zfs.SendSpec;
import java.util.List;

/**
 * Which streams a send step carries, so that the review page and the step itself agree. A zvol with
 * snapshots of its own moves with all of them: a full stream of the oldest, then {@code -I} up to the
 * migration's snapshot (every snapshot in between travels too), so destroying the source loses nothing.
 */
final class Transfers {
    private Transfers() {
    }

    /** {@code history}: the source's oldest own snapshot, or empty; {@code preseeded}: the plan has a pre-seed send. */
    static List<SendSpec> of(StepKind kind, String history, String seed, String fin, boolean preseeded) {
        return switch (kind) {
            case PRESEED_SEND -> chain(history, seed);
            case FINAL_SEND -> preseeded ? List.of(SendSpec.withIntermediates(seed, fin)) : chain(history, fin);
            default -> List.of();
        };
    }

    static List<SendSpec> of(MigrationStep step, MigrationRecord r) {
        boolean preseeded = r.steps().stream().anyMatch(s -> s.kind() == StepKind.PRESEED_SEND);
        return of(step.kind(), step.params().getOrDefault("history", ""), step.param("seed"), step.param("final"), preseeded);
    }

    private static List<SendSpec> chain(String history, String to) {
        return history.isEmpty() ? List.of(SendSpec.full(to))
                : List.of(SendSpec.full(history), SendSpec.withIntermediates(history, to));
    }
}
