package dev.sluice.ui.vms;

import atlantafx.base.theme.Styles;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.dialogs.NameAndSizeDialog;
import dev.sluice.ui.common.dialogs.Verdict;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "New QEMU VM on a new zvol": binds {@link CreateQemuVmForm}, each field's verdict under it,
 * Create disabled until all are fine. Node ids: {@code vmName}, {@code vmCpus}, {@code vmMemory},
 * {@code vmDiskSize}, {@code vmParent}, {@code vmThin}; verdicts {@code <id>Verdict}.
 */
final class CreateQemuVmDialog extends Dialog<Boolean> {

    CreateQemuVmDialog(Window owner, CreateQemuVmForm form) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(I18n.t("vms.create.title"));
        setHeaderText(I18n.t("vms.create.header"));
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(4);
        int row = 0;
        row = field(g, row, "vmName", I18n.t("vms.create.name"), text("vmName", form.nameProperty()), form.nameVerdict());
        row = field(g, row, "vmCpus", I18n.t("vms.create.cpus"), text("vmCpus", form.cpusProperty()), form.cpusVerdict());
        row = field(g, row, "vmMemory", I18n.t("vms.create.memory"), text("vmMemory", form.memoryProperty()), form.memoryVerdict());
        row = field(g, row, "vmDiskSize", I18n.t("vms.create.diskSize"), text("vmDiskSize", form.diskSizeProperty()), form.sizeVerdict());
        ComboBox<String> parent = new ComboBox<>();
        parent.setId("vmParent");
        parent.setEditable(true);
        parent.getItems().setAll(form.parents());
        parent.valueProperty().bindBidirectional(form.parentProperty());
        row = field(g, row, "vmParent", I18n.t("vms.create.parent"), parent, form.parentVerdict());
        CheckBox thin = new CheckBox(I18n.t("vms.create.thin"));
        thin.setId("vmThin");
        thin.selectedProperty().bindBidirectional(form.thinProperty());
        g.add(thin, 1, row);
        Label sentence = new Label(I18n.t("vms.create.explain"));
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(12, sentence, g);
        box.setPrefWidth(560);
        getDialogPane().setContent(box);
        ButtonType ok = new ButtonType(I18n.t("vms.action.create"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        Button okButton = (Button) getDialogPane().lookupButton(ok);
        okButton.getStyleClass().add(Styles.ACCENT);
        okButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !form.valid(), form.nameVerdict(), form.cpusVerdict(),
                form.memoryVerdict(), form.sizeVerdict(), form.parentVerdict()));
        setResultConverter(b -> b == ok && form.valid());
    }

    private static TextField text(String id, StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(24);
        return f;
    }

    private static int field(GridPane g, int row, String id, String label, Node input, ObjectBinding<Verdict> verdict) {
        g.addRow(row, new Label(label), input);
        Label v = new Label();
        v.setId(id + "Verdict");
        v.setWrapText(true);
        v.setMinHeight(Region.USE_PREF_SIZE);
        v.setMaxWidth(420);
        v.textProperty().bind(Bindings.createStringBinding(() -> verdict.get().message(), verdict));
        verdict.addListener((o, was, now) -> NameAndSizeDialog.styleVerdict(v, now));
        NameAndSizeDialog.styleVerdict(v, verdict.get());
        g.add(v, 1, row + 1);
        return row + 2;
    }

    static boolean ask(Window owner, CreateQemuVmForm form) {
        CreateQemuVmDialog d = new CreateQemuVmDialog(owner, form);
        var css = CreateQemuVmDialog.class.getResource("/dev/sluice/ui/common/dialogs/dialogs.css");
        if (css != null) {
            d.getDialogPane().getStylesheets().add(css.toExternalForm());
        }
        return d.showAndWait().orElse(false);
    }
}
