package dev.sluice.migrate;

/**
 * What each step kind really does on a host. Implementations must be re-entrant: after a crash the engine
 * may run a step again that had started (a send resumes from its token; a snapshot that exists is taken
 * as done), and {@link #undo} may be called for a step that failed half-way.
 */
public interface StepActions {

    void execute(MigrationStep step, MigrationRecord record, StepContext ctx) throws Exception;

    void undo(MigrationStep step, MigrationRecord record, StepContext ctx) throws Exception;
}
