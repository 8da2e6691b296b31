package dev.sluice.host;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every command any runner starts and finishes, as events. The Activity view and the audit log
 * listen here. Entries carry the display argv only: secret stdin is never part of an entry.
 */
public final class CommandJournal {

    public enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, NOT_INSTALLED }

    /** One command's record; a new instance is published when its state changes. */
    public record Entry(long id, String hostName, List<String> argv, boolean stdinGiven, boolean stdinSecret,
                        Instant started, State state, Integer exitCode, Duration duration, String stderr) {

        public String shellLine() {
            return ShellQuote.join(argv);
        }
    }

    public interface Listener {
        void changed(Entry entry);
    }

    private final AtomicLong ids = new AtomicLong();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    public Entry started(String hostName, List<String> effectiveArgv, Command c, Instant at) {
        Entry e = new Entry(ids.incrementAndGet(), hostName, effectiveArgv, c.stdin() != null, c.stdinSecret(),
                at, State.RUNNING, null, null, "");
        publish(e);
        return e;
    }

    public Entry finished(Entry running, State state, Integer exitCode, Duration d, String stderr) {
        Entry e = new Entry(running.id(), running.hostName(), running.argv(), running.stdinGiven(), running.stdinSecret(),
                running.started(), state, exitCode, d, stderr == null ? "" : stderr);
        publish(e);
        return e;
    }

    private void publish(Entry e) {
        for (Listener l : listeners) {
            try {
                l.changed(e);
            } catch (RuntimeException ignored) {
                // a broken listener must not break command execution
            }
        }
    }
}
