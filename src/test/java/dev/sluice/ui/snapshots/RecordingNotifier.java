package dev.sluice.ui.snapshots;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the user would have been told. */
final class RecordingNotifier implements Notifier {
    final List<String> successes = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void success(String message) {
        successes.add(message);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }
}
