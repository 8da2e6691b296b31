package dev.sluice.ui.volumes;

import dev.sluice.ui.common.HoverTooltip;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.zfs.KeyStatus;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Column set-up for the Volumes tree: size columns hold raw bytes (so sorting is by size) and show
 * them 1024-based; the encryption column stands out when a key is not loaded; each row has a context
 * menu with the actions that apply to it.
 */
final class VolumesTable {
    private VolumesTable() {
    }

    static void configure(VolumesView view, TreeTableView<DatasetRow> tree,
                          TreeTableColumn<DatasetRow, String> name, TreeTableColumn<DatasetRow, String> type,
                          TreeTableColumn<DatasetRow, Number> used, TreeTableColumn<DatasetRow, Number> avail,
                          TreeTableColumn<DatasetRow, Number> refer, TreeTableColumn<DatasetRow, Number> volsize,
                          TreeTableColumn<DatasetRow, String> compression, TreeTableColumn<DatasetRow, String> encryption) {
        text(name, DatasetRow::shortName);
        text(type, DatasetRow::typeText);
        size(used, r -> r.dataset().used());
        size(avail, r -> r.dataset().available());
        size(refer, r -> r.dataset().referenced());
        size(volsize, r -> r.isVolume() ? r.dataset().volsize() : -1);
        text(compression, DatasetRow::compressionText);
        text(encryption, DatasetRow::encryptionText);
        encryption.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("key-unavailable", "key-available");
                DatasetRow r = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : s);
                if (r != null && r.dataset().isEncrypted()) {
                    getStyleClass().add(r.dataset().keyStatus() == KeyStatus.UNAVAILABLE ? "key-unavailable" : "key-available");
                }
            }
        });
        tree.setRowFactory(t -> row(view));
        tree.getSortOrder().add(name);
    }

    private static void text(TreeTableColumn<DatasetRow, String> c, Function<DatasetRow, String> f) {
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(x.getValue().getValue() == null ? "" : f.apply(x.getValue().getValue())));
    }

    private static void size(TreeTableColumn<DatasetRow, Number> c, ToLongFunction<DatasetRow> f) {
        c.setCellValueFactory(x -> new ReadOnlyLongWrapper(x.getValue().getValue() == null ? -1 : f.applyAsLong(x.getValue().getValue())));
        c.setCellFactory(x -> new TreeTableCell<>() {
            private final HoverTooltip bytes = HoverTooltip.on(this,
                    () -> isEmpty() || getItem() == null || getItem().longValue() < 0 ? null : getItem().longValue() + " B");

            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : Sizes.human(n.longValue()));
                bytes.update();
            }
        });
        c.getStyleClass().add("size-cell");
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
    }

    /**
     * The row's tooltip and context menu are made when asked for (hover, right-click), not at each item change:
     * a sort or filter changes the items of every visible row, and a menu of a dozen items per row was most of
     * that frame on a big host.
     */
    private static TreeTableRow<DatasetRow> row(VolumesView view) {
        TreeTableRow<DatasetRow> row = new TreeTableRow<>();
        HoverTooltip name = HoverTooltip.on(row, () -> row.getItem() == null ? null : row.getItem().name());
        row.itemProperty().addListener((o, was, r) -> {
            row.setContextMenu(null);
            name.update();
        });
        // made at the secondary-button press (which comes before the request on every platform) or, failing that,
        // at the request: a filter runs before the row's own handler, which shows getContextMenu()
        row.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.isSecondaryButtonDown() || e.isPopupTrigger()) {
                row.setContextMenu(row.getItem() == null ? null : menu(view, row.getItem()));
            }
        });
        row.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (row.getContextMenu() == null && row.getItem() != null) {
                row.setContextMenu(menu(view, row.getItem()));
            }
        });
        return row;
    }

    private static ContextMenu menu(VolumesView view, DatasetRow r) {
        MenuItem create = item(I18n.t("volumes.action.create"), view::createZvol);
        create.setAccelerator(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
        MenuItem resize = item(I18n.t("volumes.action.resize"), view::resize);
        resize.setDisable(!r.isVolume());
        MenuItem loadKey = item(I18n.t("volumes.action.loadKey"), view::loadKey);
        loadKey.setDisable(!r.canLoadKey());
        MenuItem unloadKey = item(I18n.t("volumes.action.unloadKey"), view::unloadKey);
        unloadKey.setDisable(!r.canUnloadKey());
        MenuItem destroy = item(I18n.t("volumes.action.destroy"), view::destroy);
        destroy.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        destroy.setDisable(r.isPoolRoot());
        destroy.getStyleClass().add("danger");
        MenuItem copy = item(I18n.t("volumes.action.copyName"), () -> copyText(r.name()));
        MenuItem copyLibvirt = item(I18n.t("volumes.action.copyLibvirt"), () -> copyText(view.viewModel().libvirtDiskSnippet(r)));
        copyLibvirt.setDisable(!r.isVolume());
        MenuItem copyMicroVm = item(I18n.t("volumes.action.copyMicroVm"), () -> copyText(view.viewModel().microVmSnippet(r)));
        copyMicroVm.setDisable(!r.isVolume());
        ContextMenu menu = new ContextMenu(create, resize, new SeparatorMenuItem(), loadKey, unloadKey, new SeparatorMenuItem(),
                copy, copyLibvirt, copyMicroVm, new SeparatorMenuItem(), destroy);
        var move = view.viewModel().moveHandlerProperty().get();
        if (r.isVolume() && move != null) {
            javafx.scene.control.Menu to = new javafx.scene.control.Menu(I18n.t("volumes.action.moveTo"));
            for (String pool : view.viewModel().otherPools(r)) {
                to.getItems().add(item(pool, () -> move.accept(r.name(), pool)));
            }
            var elsewhere = view.viewModel().hostMovesProperty().get();
            var hosts = dev.sluice.ui.migration.HostMovesMenu.items(elsewhere,
                    (host, pool) -> elsewhere.moveZvol(r.name(), host, pool), host -> elsewhere.moveZvol(r.name(), host));
            if (!hosts.isEmpty()) {
                to.getItems().add(new SeparatorMenuItem());
                to.getItems().addAll(hosts);
            }
            to.setDisable(to.getItems().isEmpty());
            menu.getItems().add(2, to);
        }
        return menu;
    }

    private static void copyText(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setMnemonicParsing(false); // pool names are shown as they are, underscores included
        m.setOnAction(e -> action.run());
        return m;
    }
}
