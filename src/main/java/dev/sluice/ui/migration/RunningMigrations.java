package dev.sluice.ui.migration;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The migrations this process is running, wherever they were started (wizard, one click, recovery), so
 * that quitting Sluice can ask first and let each stop at a resumable checkpoint. One per process, like
 * the process's lease on the records.
 */
final class RunningMigrations {
    private static final Set<MigrationRunViewModel> RUNNING = new CopyOnWriteArraySet<>();

    private RunningMigrations() {
    }

    static void started(MigrationRunViewModel run) {
        RUNNING.add(run);
    }

    static void finished(MigrationRunViewModel run) {
        RUNNING.remove(run);
    }

    static List<MigrationRunViewModel> all() {
        return List.copyOf(RUNNING);
    }
}
