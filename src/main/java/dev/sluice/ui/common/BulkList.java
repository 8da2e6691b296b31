package dev.sluice.ui.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable list for a million rows (issue #18): {@link #setAll}, {@link #addAll(int, Collection)} and range
 * removals ({@code subList(a, b).clear()}) are one array copy and one change event, where
 * {@code FXCollections.observableArrayList()} adds and removes element by element (a million-row {@code setAll}
 * took about 100 ms of the FX thread). Listeners see the same changes they would from an
 * {@code observableArrayList}: a replacement of everything, one added range, one removed range. Those changes are
 * fired as they are ({@link Bulk}): JavaFX's change builder copies a removed list element by element, which still
 * cost 10 ms per million-row replacement.
 */
public final class BulkList<E> extends ModifiableObservableListBase<E> {
    private ArrayList<E> items = new ArrayList<>();

    @Override
    public E get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    protected void doAdd(int index, E element) {
        items.add(index, element);
    }

    @Override
    protected E doSet(int index, E element) {
        return items.set(index, element);
    }

    @Override
    protected E doRemove(int index) {
        return items.remove(index);
    }

    @Override
    public boolean setAll(Collection<? extends E> col) {
        ArrayList<E> old = items;
        items = new ArrayList<>(col);
        modCount++;
        if (old.isEmpty() && items.isEmpty()) {
            return false;
        }
        fireChange(new Bulk<>(this, 0, items.size(), old));
        return true;
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return addAll(size(), c);
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        if (index < 0 || index > size()) {
            throw new IndexOutOfBoundsException("Index: " + index);
        }
        if (c.isEmpty()) {
            return false;
        }
        int n = c.size();
        items.addAll(index, c);
        modCount++;
        beginChange();
        try {
            nextAdd(index, index + n);
        } finally {
            endChange();
        }
        return true;
    }

    @Override
    public void clear() {
        if (items.isEmpty()) {
            return;
        }
        ArrayList<E> old = items;
        items = new ArrayList<>();
        modCount++;
        fireChange(new Bulk<>(this, 0, 0, old));
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        if (fromIndex >= toIndex) {
            return;
        }
        List<E> range = items.subList(fromIndex, toIndex);
        List<E> removed = new ArrayList<>(range);
        range.clear();
        modCount++;
        fireChange(new Bulk<>(this, fromIndex, fromIndex, removed));
    }

    /** One change: {@code removed} replaced by the rows {@code from}–{@code to} (either side may be empty). */
    private static final class Bulk<E> extends ListChangeListener.Change<E> {
        private final int from;
        private final int to;
        private final List<E> removed;
        /** As JavaFX's own single changes: after next(), the change stays readable, also once next() says false. */
        private boolean on;

        Bulk(BulkList<E> list, int from, int to, List<E> removed) {
            super(list);
            this.from = from;
            this.to = to;
            this.removed = Collections.unmodifiableList(removed);
        }

        @Override
        public boolean next() {
            if (on) {
                return false;
            }
            on = true;
            return true;
        }

        @Override
        public void reset() {
            on = false;
        }

        @Override
        public int getFrom() {
            return at().from;
        }

        @Override
        public int getTo() {
            return at().to;
        }

        @Override
        public List<E> getRemoved() {
            return at().removed;
        }

        @Override
        protected int[] getPermutation() {
            at();
            return new int[0];
        }

        private Bulk<E> at() {
            if (!on) {
                throw new IllegalStateException("Invalid Change state: next() must be called before inspecting the Change.");
            }
            return this;
        }

        @Override
        public String toString() {
            return "{ [" + removed.size() + " removed] replaced by rows " + from + "-" + to + " }";
        }
    }
}
