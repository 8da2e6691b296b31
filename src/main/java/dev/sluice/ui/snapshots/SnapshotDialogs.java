package dev.sluice.ui.snapshots;

import dev.sluice.host.Command;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The questions the snapshot actions ask before anything runs. The view answers with real dialogs;
 * tests answer with scripted choices. Every question that leads to a change carries the exact
 * commands, so the user sees what will run before it runs.
 */
public interface SnapshotDialogs {

    /**
     * "Run these commands?" {@code goingAway} lists what will be destroyed (empty when nothing is);
     * {@code destructive} turns the confirm button red.
     */
    record Confirmation(String title, String message, List<Command> commands, List<String> goingAway, boolean destructive) {
        public Confirmation {
            commands = List.copyOf(commands);
            goingAway = List.copyOf(goingAway);
        }
    }

    /** A name to type, checked as the user types: {@code check} returns the problem, or empty when the name is fine. */
    record NamePrompt(String title, String message, String initial, Function<String, Optional<String>> check) {
    }

    boolean confirm(Confirmation confirmation);

    Optional<String> askName(NamePrompt prompt);

    /** The rollback safety dialog; empty when the user backs out. */
    Optional<RollbackChoice> rollback(RollbackRequest request);

    /** A zvol is open: say who has it, and ask whether to stop that user ({@code canStop} false: just explain). */
    boolean offerToStopUser(String zvol, String user, boolean canStop);
}
