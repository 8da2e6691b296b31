package dev.sluice.migrate;

import java.util.List;

/** The plan was refused before anything changed; each reason names the problem and the fix. */
public final class MigrationRefused extends Exception {
    private final List<String> reasons;

    public MigrationRefused(List<String> reasons) {
        super("The migration was not started, nothing changed:\n- " + String.join("\n- ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
