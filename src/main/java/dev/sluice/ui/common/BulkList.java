package dev.sluice.ui.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * An observable list for a million rows (issue #18): {@link #setAll}, {@link #addAll(int, Collection)} and range
 * removals ({@code subList(a, b).clear()}) are one array copy and one change event, where
 * {@code FXCollections.observableArrayList()} adds and removes element by element (a million-row {@code setAll}
 * took about 100 ms of the FX thread). Listeners see the same changes they would from an
 * {@code observableArrayList}: a replacement of everything, one added range, one removed range.
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
        beginChange();
        try {
            if (old.isEmpty()) {
                nextAdd(0, items.size());
            } else {
                nextReplace(0, items.size(), old);
            }
        } finally {
            endChange();
        }
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
        beginChange();
        try {
            nextRemove(0, old);
        } finally {
            endChange();
        }
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
        beginChange();
        try {
            nextRemove(fromIndex, removed);
        } finally {
            endChange();
        }
    }
}
