package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.StepStatus;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One step as the review and progress pages list it: its title and commands, and its live state. */
public final class StepRow {
    private final int plan;
    private final int index;
    private final String title;
    private final List<String> commands;
    private final ObjectProperty<StepStatus> status = new SimpleObjectProperty<>(this, "status", StepStatus.PENDING);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");

    StepRow(int plan, String prefix, MigrationStep s) {
        this.plan = plan;
        this.index = s.index();
        this.title = prefix + (s.index() + 1) + ". " + s.title();
        this.commands = s.commands();
        update(s);
    }

    void update(MigrationStep s) {
        status.set(s.status());
        message.set(s.message());
    }

    public int plan() {
        return plan;
    }

    public int index() {
        return index;
    }

    public String title() {
        return title;
    }

    public List<String> commands() {
        return commands;
    }

    public ReadOnlyObjectProperty<StepStatus> statusProperty() {
        return status;
    }

    public StepStatus status() {
        return status.get();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }
}
