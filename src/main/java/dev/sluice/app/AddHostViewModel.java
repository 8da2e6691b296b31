package dev.sluice.app;

import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.ui.common.I18n;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Add SSH host" form: what you would type after {@code ssh}, a port, a key file and the
 * privilege mode, checked as you type. {@link #problemProperty()} names the first problem in
 * words a user can act on; OK stays disabled until there is none.
 */
public final class AddHostViewModel {
    // user@host, host, an ssh_config alias, or [v6]; never an option (a leading '-').
    private static final Pattern TARGET = Pattern.compile("([A-Za-z0-9._%+-]+@)?(\\[[0-9A-Fa-f:.%a-zA-Z]+]|[A-Za-z0-9._:-]+)");

    private final StringProperty target = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty identityFile = new SimpleStringProperty("");
    private final ObjectProperty<Elevation> elevation = new SimpleObjectProperty<>(Elevation.SUDO);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);
    private final Set<String> existingIds;
    private final Predicate<Path> readableFile;

    public AddHostViewModel(Set<String> existingIds, Predicate<Path> readableFile) {
        this.existingIds = existingIds;
        this.readableFile = readableFile;
        for (Observable o : new Observable[] {target, port, identityFile, elevation}) {
            o.addListener(x -> validate());
        }
        validate();
    }

    private void validate() {
        String p = check();
        problem.set(p == null ? "" : p);
        valid.set(p == null);
    }

    // The first problem, or null. An empty target is a problem but shown softly (the form just opened).
    private String check() {
        String t = target.get().strip();
        if (t.isEmpty()) {
            return I18n.t("app.addhost.problem.targetEmpty");
        }
        if (t.startsWith("-")) {
            return I18n.t("app.addhost.problem.targetOption");
        }
        if (!TARGET.matcher(t).matches()) {
            return I18n.t("app.addhost.problem.targetChars");
        }
        String ps = port.get().strip();
        if (!ps.isEmpty()) {
            int n;
            try {
                n = Integer.parseInt(ps);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 65535) {
                return I18n.t("app.addhost.problem.port");
            }
        }
        String id = identityFile.get().strip();
        if (!id.isEmpty() && !readableFile.test(Path.of(expandHome(id)))) {
            return I18n.t("app.addhost.problem.identity", id);
        }
        if (existingIds.contains(toHost().id())) {
            return I18n.t("app.addhost.problem.duplicate", t);
        }
        return null;
    }

    private static String expandHome(String p) {
        return p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
    }

    /** The host the form describes; call when {@link #validProperty()} is true. */
    public Host toHost() {
        String ps = port.get().strip();
        int n = ps.isEmpty() ? 0 : Integer.parseInt(ps);
        String id = identityFile.get().strip();
        return Host.ssh(target.get().strip(), n, id.isEmpty() ? null : expandHome(id), elevation.get());
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty identityFileProperty() {
        return identityFile;
    }

    public ObjectProperty<Elevation> elevationProperty() {
        return elevation;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
