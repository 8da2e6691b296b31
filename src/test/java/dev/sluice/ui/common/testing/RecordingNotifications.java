package dev.sluice.ui.common.testing;

import dev.sluice.ui.common.Notifications;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Remembers every notification, for ViewModel tests: what kind, what text. */
public final class RecordingNotifications implements Notifications {

    public record Note(Kind kind, String text) {
    }

    private final List<Note> notes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void show(Kind kind, String text) {
        notes.add(new Note(kind, text));
    }

    public List<Note> all() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    public Note last() {
        List<Note> a = all();
        if (a.isEmpty()) {
            throw new AssertionError("no notification was shown");
        }
        return a.get(a.size() - 1);
    }

    public List<String> errors() {
        return all().stream().filter(n -> n.kind() == Kind.ERROR).map(Note::text).toList();
    }

    public void clear() {
        notes.clear();
    }
}
