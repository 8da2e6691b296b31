package dev.sluice.migrate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A live migration: its current record, state changes by compare-and-set, and listeners (the wizard's
 * progress page). Every change is saved to the {@link MigrationStore} before listeners hear of it.
 */
public final class Migration {
    private final AtomicReference<MigrationRecord> record;
    private final MigrationStore store;
    private final List<Consumer<MigrationRecord>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    public Migration(MigrationRecord initial, MigrationStore store) {
        this.record = new AtomicReference<>(initial);
        this.store = store;
    }

    public MigrationRecord record() {
        return record.get();
    }

    public MigrationState state() {
        return record.get().state();
    }

    public void addListener(Consumer<MigrationRecord> l) {
        listeners.add(l);
    }

    /** Moves from {@code from} to {@code to} only if the migration is in {@code from}; false otherwise. */
    public boolean transition(MigrationState from, MigrationState to, String message) {
        while (true) {
            MigrationRecord cur = record.get();
            if (cur.state() != from) {
                return false;
            }
            // working states carry this process's lease; every other state leaves the record free for whoever comes next
            MigrationRecord next = cur.withState(to, message).withOwner(to.isActive() ? OwnerLease.self() : null);
            if (record.compareAndSet(cur, next)) {
                publish(next);
                return true;
            }
        }
    }

    /**
     * Changes what a failure or cancel does with a partial target (keep it resumable or clean it up), also
     * while the migration runs: the rollback reads the option when it gets there.
     */
    public void keepPartialTarget(boolean keep) {
        update(r -> r.withOptions(r.options().withKeepPartialTarget(keep)));
    }

    /**
     * Asks the engine to stop at the next resumable checkpoint: after the current step, and never while the guest
     * is down (then it keeps going until the guest runs again). The record ends {@link MigrationState#INTERRUPTED}.
     */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Refreshes the owner's heartbeat now and then while a long step runs. */
    void heartbeat() {
        OwnerLease o = record.get().owner();
        if (o != null && o.heartbeat().plus(OwnerLease.BEAT).isBefore(java.time.Instant.now())) {
            update(r -> r.owner() == null ? r : r.withOwner(r.owner().beat()));
        }
    }

    void update(UnaryOperator<MigrationRecord> change) {
        MigrationRecord next = record.updateAndGet(r -> {
            MigrationRecord n = change.apply(r);
            return n.owner() == null ? n : n.withOwner(n.owner().beat());
        });
        publish(next);
    }

    void step(MigrationStep s) {
        update(r -> r.withStep(s));
    }

    private void publish(MigrationRecord r) {
        store.save(r);
        listeners.forEach(l -> l.accept(r));
    }
}
