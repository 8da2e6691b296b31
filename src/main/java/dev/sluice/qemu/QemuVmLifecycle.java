package dev.sluice.qemu;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One VM's state with compare-and-set transitions: two actions racing (Stop pressed while the
 * supervisor sees the process die) cannot both win. Listeners hear every change (on the thread
 * that made it; a ViewModel hops to the FX thread itself).
 */
public final class QemuVmLifecycle {
    private final AtomicReference<QemuVmState> state;
    private final List<Consumer<QemuVmState>> listeners = new CopyOnWriteArrayList<>();

    public QemuVmLifecycle(QemuVmState initial) {
        this.state = new AtomicReference<>(initial);
    }

    public QemuVmState state() {
        return state.get();
    }

    /** Moves {@code from → to} if the state is still {@code from}; an illegal move is a bug and throws. */
    public boolean transition(QemuVmState from, QemuVmState to) {
        if (!from.next().contains(to)) {
            throw new IllegalStateException("A VM cannot go from " + from + " to " + to);
        }
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        listeners.forEach(l -> l.accept(to));
        return true;
    }

    /** Moves to {@code to} from whichever state it is in now, if that move is legal; returns the state left. */
    public QemuVmState transitionFromAny(QemuVmState to) {
        while (true) {
            QemuVmState now = state.get();
            if (now == to || !now.next().contains(to)) {
                return now;
            }
            if (transition(now, to)) {
                return now;
            }
        }
    }

    public void addListener(Consumer<QemuVmState> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<QemuVmState> l) {
        listeners.remove(l);
    }
}
