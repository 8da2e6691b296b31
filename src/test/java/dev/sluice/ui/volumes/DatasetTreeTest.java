package dev.sluice.ui.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DatasetType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.control.TreeItem;
import org.junit.jupiter.api.Test;

/** The Volumes tree kept across filters and refreshes, without a screen (a TreeItem is no Node). */
class DatasetTreeTest {

    private static DatasetRow row(String name, long used) {
        DatasetType type = name.contains("disk") ? DatasetType.VOLUME : DatasetType.FILESYSTEM;
        return new DatasetRow(new Dataset(name, type, used, 1, 1, type == DatasetType.VOLUME ? 1024 : -1, 16384, "lz4", "off",
                null, dev.sluice.zfs.KeyStatus.NONE, null, null, false, 0, "1", 1, null, null));
    }

    private static final List<DatasetRow> ALL = List.of(row("rpool", 9), row("rpool/vm", 8), row("rpool/vm/disk-1", 1),
            row("rpool/vm/disk-2", 3), row("rpool/vm/disk-3", 2), row("tank", 5), row("tank/disk-1", 4));

    /** The tree as text: "name[child child]". */
    private static String shape(TreeItem<DatasetRow> item) {
        String kids = item.getChildren().stream().map(DatasetTreeTest::shape).collect(Collectors.joining(" "));
        String name = item.getValue() == null ? "" : item.getValue().shortName();
        return kids.isEmpty() ? name : name + "[" + kids + "]";
    }

    private static List<DatasetRow> only(String... names) {
        List<String> n = List.of(names);
        return ALL.stream().filter(r -> n.contains(r.name())).toList();
    }

    @Test
    void showsTheVisibleRowsAsATreeAndKeepsTheItemsAcrossFilters() {
        DatasetTree tree = new DatasetTree();
        tree.show(ALL, ALL, null);
        assertEquals("[rpool[vm[disk-1 disk-2 disk-3]] tank[disk-1]]", shape(tree.root()));
        TreeItem<DatasetRow> disk2 = tree.shownItem("rpool/vm/disk-2");

        tree.show(ALL, only("rpool", "rpool/vm", "rpool/vm/disk-2"), null);
        assertEquals("[rpool[vm[disk-2]]]", shape(tree.root()));
        assertSame(disk2, tree.shownItem("rpool/vm/disk-2"), "the same item, not a new tree");
        assertNull(tree.shownItem("tank"), "filtered out");

        tree.show(ALL, ALL, null);
        assertEquals("[rpool[vm[disk-1 disk-2 disk-3]] tank[disk-1]]", shape(tree.root()));
        assertSame(disk2, tree.shownItem("rpool/vm/disk-2"));
        assertSame(disk2.getParent(), tree.shownItem("rpool/vm"));
    }

    @Test
    void aChangedChildrenListFollowsTheTreesSortAndAnUnchangedOneKeepsItsOrder() {
        DatasetTree tree = new DatasetTree();
        Comparator<TreeItem<DatasetRow>> byUsedDescending = Comparator.comparingLong((TreeItem<DatasetRow> i) -> i.getValue().dataset().used()).reversed();
        tree.show(ALL, ALL, byUsedDescending);
        assertEquals("[rpool[vm[disk-2 disk-3 disk-1]] tank[disk-1]]", shape(tree.root()));
        tree.show(ALL, only("rpool", "rpool/vm", "rpool/vm/disk-1", "rpool/vm/disk-3"), byUsedDescending);
        assertEquals("[rpool[vm[disk-3 disk-1]]]", shape(tree.root()));
        tree.show(ALL, ALL, byUsedDescending);
        assertEquals("[rpool[vm[disk-2 disk-3 disk-1]] tank[disk-1]]", shape(tree.root()));
    }

    @Test
    void aRefreshKeepsTheItemsOfDatasetsThatStayAndMovesAChildWhoseParentAppears() {
        DatasetTree tree = new DatasetTree();
        List<DatasetRow> withoutVm = new ArrayList<>(ALL);
        withoutVm.removeIf(r -> r.name().equals("rpool/vm"));
        tree.show(withoutVm, withoutVm, null);
        // a dataset whose parent is not listed hangs at the top, as before
        assertEquals("[rpool vm/disk-1 vm/disk-2 vm/disk-3 tank[disk-1]]".replace("vm/", ""), shape(tree.root()));
        TreeItem<DatasetRow> disk1 = tree.shownItem("rpool/vm/disk-1");
        TreeItem<DatasetRow> tank = tree.shownItem("tank");

        List<DatasetRow> again = new ArrayList<>(ALL.stream().map(r -> row(r.name(), r.dataset().used())).toList());
        again.removeIf(r -> r.name().equals("tank/disk-1"));
        again.set(5, row("tank", 77)); // tank changed
        tree.show(again, again, null);
        assertEquals("[rpool[vm[disk-1 disk-2 disk-3]] tank]", shape(tree.root()));
        assertSame(disk1, tree.shownItem("rpool/vm/disk-1"), "an equal row keeps its item");
        assertSame(tank, tree.shownItem("tank"));
        assertEquals(77, tank.getValue().dataset().used(), "a changed row's item shows the new values");
        assertNull(tree.shownItem("tank/disk-1"), "gone");
    }
}
