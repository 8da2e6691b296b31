package dev.sluice.ui.snapshots;

import java.util.Optional;
import java.util.function.Function;

/**
 * The rollback safety dialog's input: the proposal (what goes, the commands of each choice) and a
 * check for the clone-instead name as the user edits it.
 */
public record RollbackRequest(RollbackProposal proposal, Function<String, Optional<String>> checkCloneName) {
}
