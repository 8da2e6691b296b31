package dev.sluice.ui.images;

import atlantafx.base.theme.Styles;
import dev.sluice.qemu.ImageFormat;
import dev.sluice.qemu.Preallocation;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.dialogs.NameAndSizeDialog;
import dev.sluice.ui.common.dialogs.Verdict;
import dev.sluice.zfs.Zvol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
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
 * The Images view's forms: create, convert and export (folder, file name, format, size,
 * preallocation), each field checked live with its verdict under it. Node ids: {@code imageFolder},
 * {@code imageName}, {@code imageFormat}, {@code imageSize}, {@code imagePrealloc}, {@code exportZvol}.
 */
final class ImageDialogs {
    record Create(String folder, String name, ImageFormat format, String size, Preallocation prealloc, boolean replace) {
    }

    record Convert(String name, ImageFormat format, boolean replace) {
    }

    record Export(Zvol zvol, String folder, String name, ImageFormat format, boolean replace) {
    }

    private ImageDialogs() {
    }

    /** A small form: rows of (label, input, verdict or null); OK only when every verdict is fine. */
    private static final class Form {
        final GridPane grid = new GridPane();
        final List<ObjectBinding<Verdict>> verdicts = new ArrayList<>();
        int row;

        Form() {
            grid.setHgap(10);
            grid.setVgap(4);
        }

        void add(String label, Node input, ObjectBinding<Verdict> verdict) {
            Label name = new Label(label);
            name.setMinWidth(Region.USE_PREF_SIZE); // "Folder", never "Fo…"
            grid.addRow(row++, name, input);
            if (verdict != null) {
                Label v = new Label();
                v.setId(input.getId() + "Verdict");
                v.setWrapText(true);
                v.setMaxWidth(420);
                v.setMinHeight(Region.USE_PREF_SIZE);
                v.textProperty().bind(Bindings.createStringBinding(() -> verdict.get().message(), verdict));
                verdict.addListener((o, was, now) -> NameAndSizeDialog.styleVerdict(v, now));
                NameAndSizeDialog.styleVerdict(v, verdict.get());
                grid.add(v, 1, row++);
                verdicts.add(verdict);
            }
        }

        <T> Optional<T> ask(Window owner, String title, String sentence, String confirm, java.util.function.Supplier<T> result) {
            Dialog<T> d = new Dialog<>();
            if (owner != null) {
                d.initOwner(owner);
            }
            d.setTitle(title);
            d.setHeaderText(title);
            var css = ImageDialogs.class.getResource("/dev/sluice/ui/common/dialogs/dialogs.css");
            if (css != null) {
                d.getDialogPane().getStylesheets().add(css.toExternalForm());
            }
            Label s = new Label(sentence);
            s.setWrapText(true);
            s.setMinHeight(Region.USE_PREF_SIZE);
            VBox box = new VBox(12, s, grid);
            box.setPrefWidth(560);
            d.getDialogPane().setContent(box);
            ButtonType ok = new ButtonType(confirm, ButtonBar.ButtonData.OK_DONE);
            d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
            Button b = (Button) d.getDialogPane().lookupButton(ok);
            b.getStyleClass().add(Styles.ACCENT);
            if (!verdicts.isEmpty()) {
                BooleanBinding bad = Bindings.createBooleanBinding(() -> verdicts.stream().anyMatch(v -> !v.get().ok()),
                        verdicts.toArray(new ObjectBinding<?>[0]));
                b.disableProperty().bind(bad);
            }
            d.setResultConverter(bt -> bt == ok ? result.get() : null);
            return d.showAndWait();
        }
    }

    static TextField text(String id, String initial) {
        TextField f = new TextField(initial);
        f.setId(id);
        f.setPrefColumnCount(26);
        return f;
    }

    static <T> ComboBox<T> combo(String id, List<T> items, T initial) {
        ComboBox<T> c = new ComboBox<>();
        c.setId(id);
        c.getItems().setAll(items);
        c.setValue(initial);
        return c;
    }

    /**
     * Off by default: Sluice never overwrites a file. Its text names the file it would replace, and
     * it unticks itself when the name changes, so a tick always means that one file.
     */
    static CheckBox replace(TextField name) {
        CheckBox c = new CheckBox();
        c.setId("imageReplace");
        c.setMnemonicParsing(false); // the file name is shown as is ("vm disks_web 1.qcow2", not "vm disksweb 1")
        c.textProperty().bind(Bindings.createStringBinding(() -> I18n.t("images.form.replace", name.getText().strip()), name.textProperty()));
        name.textProperty().addListener((o, was, now) -> c.setSelected(false));
        return c;
    }

    static ObjectBinding<Verdict> live(TextField f, Function<String, Verdict> check) {
        return Bindings.createObjectBinding(() -> check.apply(f.getText()), f.textProperty());
    }

    static Optional<Create> create(Window owner, List<String> folders, String folder, ImagesViewModel vm) {
        Form form = new Form();
        ComboBox<String> where = combo("imageFolder", folders, folder != null ? folder : folders.isEmpty() ? null : folders.get(0));
        TextField name = text("imageName", "disk.qcow2");
        ComboBox<ImageFormat> format = combo("imageFormat", List.of(ImageFormat.values()), ImageFormat.QCOW2);
        format.valueProperty().addListener((o, was, now) -> {
            String n = name.getText();
            int dot = n.lastIndexOf('.');
            name.setText((dot > 0 ? n.substring(0, dot) : n) + "." + now.extension());
        });
        TextField size = text("imageSize", "20G");
        ComboBox<Preallocation> prealloc = combo("imagePrealloc", List.of(Preallocation.values()), Preallocation.OFF);
        form.add(I18n.t("images.form.folder"), where, null);
        form.add(I18n.t("images.form.name"), name, live(name, vm::checkFileName));
        form.add(I18n.t("images.form.format"), format, null);
        form.add(I18n.t("images.form.size"), size, live(size, vm::checkSize));
        form.add(I18n.t("images.form.prealloc"), prealloc, null);
        CheckBox replace = replace(name);
        form.add("", replace, null);
        return form.ask(owner, I18n.t("images.create.title"), I18n.t("images.create.explain"), I18n.t("images.confirm.create"),
                () -> new Create(where.getValue(), name.getText(), format.getValue(), size.getText(), prealloc.getValue(), replace.isSelected()));
    }

    static Optional<Convert> convert(Window owner, String sourceName, ImagesViewModel vm) {
        Form form = new Form();
        int dot = sourceName.lastIndexOf('.');
        String base = dot > 0 ? sourceName.substring(0, dot) : sourceName;
        TextField name = text("imageName", base + "-converted.qcow2");
        ComboBox<ImageFormat> format = combo("imageFormat", List.of(ImageFormat.values()), ImageFormat.QCOW2);
        format.valueProperty().addListener((o, was, now) -> name.setText(base + "-converted." + now.extension()));
        form.add(I18n.t("images.form.format"), format, null);
        form.add(I18n.t("images.form.name"), name, live(name, vm::checkFileName));
        CheckBox replace = replace(name);
        form.add("", replace, null);
        return form.ask(owner, I18n.t("images.convert.title", sourceName), I18n.t("images.convert.explain"),
                I18n.t("images.confirm.convert"), () -> new Convert(name.getText(), format.getValue(), replace.isSelected()));
    }

    static Optional<Export> export(Window owner, List<Zvol> zvols, List<String> folders, ImagesViewModel vm) {
        Form form = new Form();
        // the user's zvols first: Sluice's rollback guard copies can be exported too, but are never the default
        List<Zvol> ordered = zvols.stream()
                .sorted(java.util.Comparator.comparing((Zvol z) -> dev.sluice.ui.common.InternalDatasets.isInternal(z.name())))
                .toList();
        ComboBox<Zvol> zvol = combo("exportZvol", ordered, ordered.isEmpty() ? null : ordered.get(0));
        zvol.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Zvol z) {
                return z == null ? "" : z.name() + "  (" + Sizes.human(z.volsize()) + ")";
            }

            @Override
            public Zvol fromString(String s) {
                return null;
            }
        });
        ComboBox<String> where = combo("imageFolder", folders, folders.isEmpty() ? null : folders.get(0));
        ComboBox<ImageFormat> format = combo("imageFormat", List.of(ImageFormat.values()), ImageFormat.QCOW2);
        TextField name = text("imageName", "");
        Runnable suggest = () -> {
            Zvol z = zvol.getValue();
            name.setText(z == null ? "" : z.name().substring(z.name().lastIndexOf('/') + 1) + "." + format.getValue().extension());
        };
        zvol.valueProperty().addListener((o, a, b) -> suggest.run());
        format.valueProperty().addListener((o, a, b) -> suggest.run());
        suggest.run();
        form.add(I18n.t("images.form.zvol"), zvol, null);
        form.add(I18n.t("images.form.folder"), where, null);
        form.add(I18n.t("images.form.format"), format, null);
        form.add(I18n.t("images.form.name"), name, live(name, vm::checkFileName));
        CheckBox replace = replace(name);
        form.add("", replace, null);
        return form.ask(owner, I18n.t("images.action.exportZvol"), I18n.t("images.export.explain"), I18n.t("images.action.export"),
                () -> new Export(zvol.getValue(), where.getValue(), name.getText(), format.getValue(), replace.isSelected()));
    }
}
