package dev.sluice.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The last {@code capacity} finished commands of a journal plus every running one, for the
 * Activity view: a finished entry replaces its running one in place. Listeners are called on the thread that ran
 * the command (never the FX thread): a ViewModel hops to the FX thread itself.
 */
public final class CommandHistory implements CommandJournal.Listener {
    private final int capacity;
    private final LinkedHashMap<Long, CommandJournal.Entry> entries = new LinkedHashMap<>();
    private final List<Consumer<CommandJournal.Entry>> listeners = new CopyOnWriteArrayList<>();

    public CommandHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Creates a history and subscribes it to the journal. */
    public static CommandHistory attach(CommandJournal journal, int capacity) {
        CommandHistory h = new CommandHistory(capacity);
        journal.addListener(h);
        return h;
    }

    @Override
    public void changed(CommandJournal.Entry e) {
        synchronized (entries) {
            entries.put(e.id(), e); // an existing key keeps its place: the row updates in place
            // running commands stay visible however old: the oldest finished one makes room
            var it = entries.values().iterator();
            int excess = entries.size() - capacity;
            while (excess > 0 && it.hasNext()) {
                if (it.next().state() != CommandJournal.State.RUNNING) {
                    it.remove();
                    excess--;
                }
            }
        }
        for (Consumer<CommandJournal.Entry> l : listeners) {
            l.accept(e);
        }
    }

    /** Oldest first. */
    public List<CommandJournal.Entry> snapshot() {
        synchronized (entries) {
            return List.copyOf(new ArrayList<>(entries.values()));
        }
    }

    public long runningCount() {
        synchronized (entries) {
            return entries.values().stream().filter(e -> e.state() == CommandJournal.State.RUNNING).count();
        }
    }

    public void addChangeListener(Consumer<CommandJournal.Entry> l) {
        listeners.add(l);
    }

    public void removeChangeListener(Consumer<CommandJournal.Entry> l) {
        listeners.remove(l);
    }
}
