package dev.sluice.ui.vms;

import atlantafx.base.theme.Styles;
import dev.sluice.guest.Guest;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.zfs.Zvol;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** "Attach zvol as disk": which zvol, and where on the VM. Node ids: {@code zvolChoice}, {@code slotChoice}. */
final class AttachZvolDialog {
    record Choice(Zvol zvol, AttachSlot slot) {
    }

    private AttachZvolDialog() {
    }

    static Optional<Choice> ask(Window owner, Guest g, List<Zvol> zvols, List<AttachSlot> slots) {
        Dialog<Choice> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(I18n.t("vms.attach.title"));
        d.setHeaderText(I18n.t("vms.attach.header", g.name()));
        ComboBox<Zvol> zvol = new ComboBox<>();
        zvol.setId("zvolChoice");
        zvol.getItems().setAll(zvols);
        zvol.setCellFactory(l -> zvolCell());
        zvol.setButtonCell(zvolCell());
        ComboBox<AttachSlot> slot = new ComboBox<>();
        slot.setId("slotChoice");
        slot.getItems().setAll(slots);
        if (!slots.isEmpty()) {
            slot.getSelectionModel().select(0);
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label(I18n.t("vms.attach.zvol")), zvol);
        grid.addRow(1, new Label(I18n.t("vms.attach.slot")), slot);
        VBox box = new VBox(10, grid);
        if (zvols.isEmpty() || slots.isEmpty()) {
            Label none = new Label(zvols.isEmpty() ? I18n.t("vms.attach.noZvols") : I18n.t("vms.attach.noSlots"));
            none.setWrapText(true);
            none.getStyleClass().add(Styles.WARNING);
            box.getChildren().add(none);
        }
        box.setPrefWidth(520);
        d.getDialogPane().setContent(box);
        ButtonType ok = new ButtonType(I18n.t("vms.action.attach"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(zvol.valueProperty().isNull().or(slot.valueProperty().isNull()));
        d.setResultConverter(b -> b == ok ? new Choice(zvol.getValue(), slot.getValue()) : null);
        return d.showAndWait();
    }

    private static ListCell<Zvol> zvolCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Zvol z, boolean empty) {
                super.updateItem(z, empty);
                setText(empty || z == null ? null : z.name() + "  (" + Sizes.human(z.volsize()) + ")");
            }
        };
    }
}
