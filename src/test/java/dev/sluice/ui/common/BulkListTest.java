package dev.sluice.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** {@link BulkList} holds what an {@code observableArrayList} holds after the same calls, and tells the same changes. */
class BulkListTest {

    @Test
    void sameContentsAndChangesAsAnObservableArrayList() {
        Random random = new Random(18);
        ObservableList<Integer> bulk = new BulkList<>();
        ObservableList<Integer> plain = FXCollections.observableArrayList();
        List<String> bulkChanges = record(bulk);
        List<String> plainChanges = record(plain);
        int next = 0;
        for (int step = 0; step < 2_000; step++) {
            int size = plain.size();
            int op = random.nextInt(7);
            if (op == 0) {
                List<Integer> all = IntStream.range(next, next + random.nextInt(50)).boxed().toList();
                next += all.size();
                bulk.setAll(all);
                plain.setAll(all);
            } else if (op == 1) {
                int at = random.nextInt(size + 1);
                List<Integer> some = IntStream.range(next, next + random.nextInt(5)).boxed().toList();
                next += some.size();
                bulk.addAll(at, some);
                plain.addAll(at, some);
            } else if (op == 2 && size > 0) {
                int from = random.nextInt(size);
                int to = from + random.nextInt(size - from + 1);
                bulk.subList(from, to).clear();
                plain.subList(from, to).clear();
            } else if (op == 3 && size > 0) {
                int at = random.nextInt(size);
                bulk.set(at, next);
                plain.set(at, next++);
            } else if (op == 4) {
                bulk.add(next);
                plain.add(next++);
            } else if (op == 5 && size > 0) {
                int at = random.nextInt(size);
                bulk.remove(at);
                plain.remove(at);
            } else if (op == 6 && random.nextInt(10) == 0) {
                bulk.clear();
                plain.clear();
            }
            assertEquals(plain, bulk, "after step " + step);
        }
        assertEquals(plainChanges, bulkChanges);
    }

    @Test
    void aMillionRowReplaceIsOneChange() {
        ObservableList<Integer> bulk = new BulkList<>();
        List<Integer> million = new ArrayList<>(IntStream.range(0, 1_000_000).boxed().toList());
        bulk.setAll(million);
        List<String> changes = record(bulk);
        bulk.setAll(million.reversed());
        assertEquals(List.of("replaced [0,1000000) removed 1000000"), changes);
        assertEquals(999_999, bulk.getFirst());
    }

    @Test
    void aChangeReadsLikeJavaFxsOwnBeforeAndAfterItsOneStep() {
        for (ObservableList<Integer> list : List.<ObservableList<Integer>>of(FXCollections.observableArrayList(1, 2, 3),
                bulkOf(1, 2, 3))) {
            List<String> seen = new ArrayList<>();
            list.addListener((ListChangeListener<Integer>) c -> {
                seen.add(threw(c::wasRemoved) ? "unread before next()" : "read before next()");
                while (c.next()) {
                    seen.add("step");
                }
                // TableView's selection model reads the change again after its loop
                seen.add("after: removed " + c.getRemovedSize() + (c.wasRemoved() ? " (wasRemoved)" : ""));
                c.reset();
                seen.add(c.next() ? "again" : "no step after reset");
            });
            list.setAll(List.of(4, 5));
            assertEquals(List.of("unread before next()", "step", "after: removed 3 (wasRemoved)", "again"), seen,
                    list.getClass().getSimpleName());
        }
    }

    private static ObservableList<Integer> bulkOf(Integer... items) {
        ObservableList<Integer> b = new BulkList<>();
        b.setAll(List.of(items));
        return b;
    }

    private static boolean threw(Runnable r) {
        try {
            r.run();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static List<String> record(ObservableList<Integer> list) {
        List<String> out = new ArrayList<>();
        list.addListener((ListChangeListener<Integer>) c -> {
            while (c.next()) {
                String kind = c.wasReplaced() ? "replaced" : c.wasAdded() ? "added" : c.wasRemoved() ? "removed" : "other";
                out.add(kind + " [" + c.getFrom() + "," + c.getTo() + ")" + (c.wasRemoved() ? " removed " + c.getRemovedSize() : "")
                        + (c.wasRemoved() && c.getRemovedSize() < 100 ? " " + c.getRemoved() : "")
                        + (c.wasAdded() && c.getAddedSize() < 100 ? " " + c.getAddedSubList() : ""));
            }
        });
        return out;
    }
}
