package dev.sluice.ui.vms;

import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestState;
import dev.sluice.guest.Hypervisor;
import dev.sluice.ui.common.I18n;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;

/** The VMs tree's cells: hypervisor badge, coloured state, a disk's path (red with the fix when its device is gone). */
final class VmCells {
    private VmCells() {
    }

    static void text(TreeTableColumn<VmRow, String> col, Function<VmRow, String> f) {
        col.setCellValueFactory(p -> new ReadOnlyStringWrapper(p.getValue().getValue() == null ? "" : f.apply(p.getValue().getValue())));
    }

    static void self(TreeTableColumn<VmRow, VmRow> col) {
        col.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue().getValue()));
    }

    static TreeTableCell<VmRow, VmRow> cell(Function<VmRow, javafx.scene.Node> graphic) {
        return new TreeTableCell<>() {
            @Override
            protected void updateItem(VmRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                setGraphic(empty || r == null ? null : graphic.apply(r));
            }
        };
    }

    static javafx.scene.Node hypervisorBadge(VmRow r) {
        if (r.isDisk()) {
            return null;
        }
        Label l = new Label(switch (r.guest().hypervisor()) {
            case VIRTUALBOX -> "VirtualBox";
            case QEMU -> "QEMU";
            case LIBVIRT -> "libvirt";
        });
        l.getStyleClass().addAll("hypervisor-badge", "hypervisor-" + r.guest().hypervisor().name().toLowerCase(Locale.ROOT));
        return l;
    }

    static javafx.scene.Node stateLabel(VmRow r) {
        if (r.isDisk()) {
            return null;
        }
        GuestState s = r.guest().state();
        Label l = new Label("● " + I18n.t("vms.state." + s.name().toLowerCase(Locale.ROOT)));
        l.getStyleClass().addAll("state", "state-" + s.name().toLowerCase(Locale.ROOT));
        return l;
    }

    static javafx.scene.Node pathLabel(VmRow r) {
        if (!r.isDisk()) {
            return null;
        }
        GuestDisk d = r.disk();
        Label l = new Label(DiskText.path(d));
        if (d.hasProblem()) {
            l.getStyleClass().add("disk-problem");
            l.setTooltip(new Tooltip(DiskText.problem(d)));
        } else {
            l.setTooltip(new Tooltip(d.path()));
        }
        return l;
    }

    static String memory(int mib) {
        return mib % 1024 == 0 ? (mib / 1024) + " GiB" : mib + " MiB";
    }

}
