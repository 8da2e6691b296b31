package dev.sluice.ui.activity;

import dev.sluice.host.CommandJournal;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ViewLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The Activity table: binds {@link ActivityViewModel} to the FXML and owns the clipboard. */
public final class ActivityView implements FeatureView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final ActivityViewModel vm;
    private final Parent root;

    @FXML private Label countLabel;
    @FXML private TextField filterField;
    @FXML private Button copyButton;
    @FXML private Button cancelButton;
    @FXML private Button clearButton;
    @FXML private TableView<ActivityRow> table;
    @FXML private TableColumn<ActivityRow, CommandJournal.State> stateColumn;
    @FXML private TableColumn<ActivityRow, String> commandColumn;
    @FXML private TableColumn<ActivityRow, String> hostColumn;
    @FXML private TableColumn<ActivityRow, Instant> startedColumn;
    @FXML private TableColumn<ActivityRow, Duration> durationColumn;
    @FXML private TableColumn<ActivityRow, Integer> exitColumn;
    @FXML private TableColumn<ActivityRow, String> stderrColumn;
    @FXML private TextArea details;

    public ActivityView(ActivityViewModel vm) {
        this.vm = vm;
        this.root = ViewLoader.load(this, "ActivityView.fxml");
    }

    @FXML
    private void initialize() {
        filterField.textProperty().bindBidirectional(vm.filterProperty());
        atlantafx.base.theme.Styles.toggleStyleClass(copyButton, atlantafx.base.theme.Styles.ACCENT);
        cancelButton.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        clearButton.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);

        column(stateColumn, ActivityRow::state);
        stateColumn.setCellFactory(c -> new StateCell());
        column(commandColumn, ActivityRow::shellLine);
        commandColumn.setCellFactory(c -> textCell(s -> s, "command-cell"));
        column(hostColumn, r -> dev.sluice.ui.common.UserMessages.hostLabel(r.host()));
        column(startedColumn, ActivityRow::started);
        startedColumn.setCellFactory(c -> textCell(TIME::format, null));
        column(durationColumn, ActivityRow::duration);
        durationColumn.setCellFactory(c -> textCell(ActivityViewModel::formatDuration, null));
        column(exitColumn, ActivityRow::exitCode);
        exitColumn.setCellFactory(c -> textCell(String::valueOf, null));
        column(stderrColumn, ActivityViewModel::errorSummary);
        stderrColumn.setCellFactory(c -> textCell(s -> s, null));

        SortedList<ActivityRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        startedColumn.setSortType(TableColumn.SortType.DESCENDING);
        startedColumn.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        table.getSortOrder().add(startedColumn);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(placeholder());

        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> vm.selectedProperty().set(row));
        vm.selectedProperty().addListener((o, a, row) -> {
            details.setText(vm.details(row));
            if (row != null && table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
        copyButton.disableProperty().bind(vm.selectedProperty().isNull());
        cancelButton.disableProperty().bind(vm.selectionCancellable().not());
        countLabel.textProperty().bind(Bindings.createStringBinding(
                () -> I18n.t("activity.count", vm.rows().size(), vm.runningCountProperty().get()), vm.rows(), vm.runningCountProperty()));
        table.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copySelected();
                e.consume();
            }
        });
        table.setContextMenu(contextMenu());
        details.setPromptText(I18n.t("activity.details.none"));
    }

    private static <T> void column(TableColumn<ActivityRow, T> col, Function<ActivityRow, T> value) {
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
    }

    private static <T> TableCell<ActivityRow, T> textCell(Function<T, String> text, String styleClass) {
        TableCell<ActivityRow, T> cell = new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
                setTooltip(empty || item == null || getText().length() < 40 ? null : new Tooltip(getText()));
            }
        };
        if (styleClass != null) {
            cell.getStyleClass().add(styleClass);
        }
        return cell;
    }

    private static final class StateCell extends TableCell<ActivityRow, CommandJournal.State> {
        @Override
        protected void updateItem(CommandJournal.State s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label l = new Label((s == CommandJournal.State.RUNNING ? "● " : "") + ActivityViewModel.stateText(s));
            l.getStyleClass().addAll("state-label", "state-" + s.name().toLowerCase(Locale.ROOT));
            setGraphic(l);
            setText(null);
        }
    }

    private Parent placeholder() {
        Label title = new Label(I18n.t("activity.empty.title"));
        title.getStyleClass().add(atlantafx.base.theme.Styles.TITLE_4);
        Label text = new Label(I18n.t("activity.empty.text"));
        text.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, title, text);
        box.setAlignment(javafx.geometry.Pos.CENTER);
        return box;
    }

    private ContextMenu contextMenu() {
        MenuItem copy = new MenuItem(I18n.t("activity.copy"));
        copy.setAccelerator(COPY);
        copy.setOnAction(e -> copySelected());
        MenuItem copyErr = new MenuItem(I18n.t("activity.copyStderr"));
        copyErr.setOnAction(e -> {
            ActivityRow r = vm.selectedProperty().get();
            if (r != null) {
                putOnClipboard(r.stderr());
            }
        });
        MenuItem cancel = new MenuItem(I18n.t("activity.cancel"));
        cancel.setOnAction(e -> cancelSelected());
        ContextMenu menu = new ContextMenu(copy, copyErr, new SeparatorMenuItem(), cancel);
        menu.setOnShowing(e -> {
            ActivityRow r = vm.selectedProperty().get();
            copy.setDisable(r == null);
            copyErr.setDisable(r == null || r.stderr().isBlank());
            cancel.setDisable(!vm.canCancel(r));
        });
        return menu;
    }

    @FXML
    private void copySelected() {
        ActivityRow r = vm.selectedProperty().get();
        if (r != null) {
            putOnClipboard(vm.shellLine(r));
        }
    }

    @FXML
    private void cancelSelected() {
        vm.cancel(vm.selectedProperty().get());
    }

    @FXML
    private void clearFinished() {
        vm.clearFinished();
    }

    private static void putOnClipboard(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void shown() {
        table.requestFocus();
    }

    /** For the window's Ctrl+F, should it want one. */
    public TextField filterField() {
        return filterField;
    }

    public ActivityViewModel viewModel() {
        return vm;
    }
}
