package dev.sluice.ui.snapshots;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers the snapshot dialogs with scripted choices and records every question asked. */
final class ScriptedDialogs implements SnapshotDialogs {
    final List<Confirmation> confirmations = new ArrayList<>();
    final List<NamePrompt> prompts = new ArrayList<>();
    final List<RollbackRequest> rollbacks = new ArrayList<>();
    final List<String> stopOffers = new ArrayList<>();
    final Deque<Boolean> confirmAnswers = new ArrayDeque<>();
    final Deque<Optional<String>> nameAnswers = new ArrayDeque<>();
    Optional<RollbackChoice> rollbackAnswer = Optional.empty();
    boolean stopAnswer;

    @Override
    public boolean confirm(Confirmation c) {
        confirmations.add(c);
        return confirmAnswers.isEmpty() ? true : confirmAnswers.poll();
    }

    @Override
    public Optional<String> askName(NamePrompt p) {
        prompts.add(p);
        return nameAnswers.isEmpty() ? Optional.of(p.initial()) : nameAnswers.poll();
    }

    @Override
    public Optional<RollbackChoice> rollback(RollbackRequest r) {
        rollbacks.add(r);
        return rollbackAnswer;
    }

    @Override
    public boolean offerToStopUser(String zvol, String user, boolean canStop) {
        stopOffers.add(zvol + " / " + user + " / " + canStop);
        return stopAnswer;
    }
}
