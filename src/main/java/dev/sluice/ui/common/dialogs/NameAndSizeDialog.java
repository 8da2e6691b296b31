package dev.sluice.ui.common.dialogs;

import atlantafx.base.theme.Styles;
import dev.sluice.ui.common.I18n;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A name, a size, or both, each checked live by the caller's rule (name rules, size parsing) with the
 * verdict shown under the field; OK stays disabled until every shown field is acceptable. Used for
 * "clone to new zvol", "resize", "snapshot name" and the like. Node ids: {@code nameField},
 * {@code nameVerdict}, {@code sizeField}, {@code sizeVerdict}.
 *
 * <pre>
 * NameAndSizeDialog.builder(I18n.t("volumes.resize.title"))
 *     .sentence(...).size(I18n.t("volumes.size"), "20G", vm::checkSize)
 *     .confirmLabel(I18n.t("volumes.resize.confirm")).build(owner).showAndWait();
 * </pre>
 */
public final class NameAndSizeDialog extends Dialog<NameAndSizeDialog.Result> {

    /** What the user entered; a field that was not shown is null. */
    public record Result(String name, String size) {
    }

    public static final class Builder {
        private final String title;
        private String sentence = "";
        private String nameLabel;
        private String nameInitial;
        private Function<String, Verdict> nameCheck;
        private String sizeLabel;
        private String sizeInitial;
        private Function<String, Verdict> sizeCheck;
        private String confirmLabel;

        private Builder(String title) {
            this.title = title;
        }

        public Builder sentence(String s) {
            this.sentence = s;
            return this;
        }

        public Builder name(String label, String initial, Function<String, Verdict> check) {
            this.nameLabel = label;
            this.nameInitial = initial;
            this.nameCheck = check;
            return this;
        }

        public Builder size(String label, String initial, Function<String, Verdict> check) {
            this.sizeLabel = label;
            this.sizeInitial = initial;
            this.sizeCheck = check;
            return this;
        }

        public Builder confirmLabel(String label) {
            this.confirmLabel = label;
            return this;
        }

        public NameAndSizeDialog build(Window owner) {
            return new NameAndSizeDialog(owner, this);
        }
    }

    public static Builder builder(String title) {
        return new Builder(title);
    }

    private NameAndSizeDialog(Window owner, Builder b) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(b.title);
        setHeaderText(b.title);
        Dialogs.addStylesheet(getDialogPane());
        Label text = new Label(b.sentence);
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        int row = 0;
        TextField name = null;
        TextField size = null;
        ObjectBinding<Verdict> nameVerdict = null;
        ObjectBinding<Verdict> sizeVerdict = null;
        if (b.nameLabel != null) {
            name = field("nameField", b.nameInitial);
            nameVerdict = verdictOf(name, b.nameCheck);
            grid.addRow(row++, new Label(b.nameLabel), name);
            grid.add(verdictLabel("nameVerdict", nameVerdict), 1, row++);
        }
        if (b.sizeLabel != null) {
            size = field("sizeField", b.sizeInitial);
            sizeVerdict = verdictOf(size, b.sizeCheck);
            grid.addRow(row++, new Label(b.sizeLabel), size);
            grid.add(verdictLabel("sizeVerdict", sizeVerdict), 1, row);
        }
        VBox box = new VBox(12, text, grid);
        box.setPrefWidth(480);
        getDialogPane().setContent(box);

        ButtonType ok = new ButtonType(b.confirmLabel != null ? b.confirmLabel : I18n.t("common.ok"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        Button okButton = (Button) getDialogPane().lookupButton(ok);
        okButton.getStyleClass().add(Styles.ACCENT);
        ObjectBinding<Verdict> nv = nameVerdict;
        ObjectBinding<Verdict> sv = sizeVerdict;
        okButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> (nv != null && !nv.get().ok()) || (sv != null && !sv.get().ok()),
                nv != null ? nv : sv, sv != null ? sv : nv));
        TextField n = name;
        TextField s = size;
        setResultConverter(bt -> bt == ok
                ? new Result(n == null ? null : n.getText().strip(), s == null ? null : s.getText().strip())
                : null);
        TextField first = name != null ? name : size;
        setOnShown(e -> first.requestFocus());
    }

    private static TextField field(String id, String initial) {
        TextField f = new TextField(initial == null ? "" : initial);
        f.setId(id);
        f.setPrefColumnCount(26);
        return f;
    }

    private static ObjectBinding<Verdict> verdictOf(TextField f, Function<String, Verdict> check) {
        return Bindings.createObjectBinding(() -> check.apply(f.getText().strip()), f.textProperty());
    }

    static Label verdictLabel(String id, ObjectBinding<Verdict> verdict) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(Bindings.createStringBinding(() -> verdict.get().message(), verdict));
        verdict.addListener((o, was, now) -> styleVerdict(l, now));
        styleVerdict(l, verdict.get());
        return l;
    }

    /** Shows a verdict under a field: red when it is a problem, muted when it is a hint. */
    public static void styleVerdict(Label l, Verdict v) {
        l.getStyleClass().removeAll("field-problem", "field-hint");
        l.getStyleClass().add(v.ok() ? "field-hint" : "field-problem");
    }

    public Optional<Result> ask() {
        return showAndWait();
    }
}
