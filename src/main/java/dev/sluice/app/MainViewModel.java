package dev.sluice.app;

import dev.sluice.config.Settings;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.probe.HostReport;
import dev.sluice.task.BackgroundTask;
import dev.sluice.ui.common.I18n;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: which host is connected (and its runner), what the probe found,
 * which view shows, the theme and language, and the notices above the content. Feature views
 * follow {@link #runnerProperty()} to work on the selected host.
 */
public final class MainViewModel {
    private final Services services;
    private final CommandTracker tracker;
    private final ObservableList<Host> hosts = FXCollections.observableArrayList();
    private final ObjectProperty<Host> selectedHost = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<CommandRunner> runner = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HostReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper probing = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<Feature> currentFeature = new SimpleObjectProperty<>();
    private final ObjectProperty<Settings.Theme> theme = new SimpleObjectProperty<>();
    private final ObjectProperty<Settings.Language> language = new SimpleObjectProperty<>();
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    // one runner per host for the whole app (the main window's and a move's target alike): asked from background tasks too
    private final Map<String, CommandRunner> runners = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<CommandRunner> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Notice> lasting = new ArrayList<>();
    private final Set<String> dismissed = new HashSet<>();
    private List<Notice> hostNotices = List.of();
    private long probeGeneration;

    public MainViewModel(Services services, CommandTracker tracker) {
        this.services = services;
        this.tracker = tracker;
        Settings s = services.settings().get();
        theme.set(s.theme());
        language.set(s.language());
        currentFeature.set(Feature.byName(s.lastView(), Feature.POOLS));
        services.settings().loadWarning().ifPresent(w -> lasting.add(new Notice("load:settings", Notice.Level.WARNING, I18n.t("app.notice.settingsCorrupt"), w)));
        services.hosts().loadWarning().ifPresent(w -> lasting.add(new Notice("load:hosts", Notice.Level.WARNING, I18n.t("app.notice.hostsCorrupt"), w)));

        hosts.setAll(services.hosts().hosts());
        theme.addListener((o, a, t) -> save(x -> x.withTheme(t)));
        language.addListener((o, a, l) -> {
            save(x -> x.withLanguage(l));
            lasting.removeIf(n -> n.id().equals("language"));
            lasting.add(new Notice("language", Notice.Level.INFO, I18n.t("app.notice.languageTitle"), I18n.t("app.notice.languageText")));
            dismissed.remove("language");
            publishNotices();
        });
        currentFeature.addListener((o, a, f) -> save(x -> x.withLastView(f == null ? null : f.name())));
        selectedHost.addListener((o, a, h) -> connect(h));
    }

    /**
     * Connects to the host selected last time and probes it. Called by the composition root after
     * everything that listens to the journal (Activity) exists, so that no command goes unseen.
     */
    public void start() {
        String savedHost = services.settings().get().selectedHostId();
        selectedHost.set(hosts.stream().filter(h -> h.id().equals(savedHost)).findFirst().orElse(hosts.get(0)));
    }

    private void save(java.util.function.UnaryOperator<Settings> change) {
        try {
            services.settings().update(change);
        } catch (RuntimeException e) {
            showLasting(new Notice("save", Notice.Level.WARNING, I18n.t("app.notice.saveFailed"), e.getMessage()));
        }
    }

    private void connect(Host h) {
        if (h == null) {
            return;
        }
        save(x -> x.withSelectedHostId(h.id()));
        report.set(null);
        try {
            CommandRunner r = runnerFor(h);
            runner.set(r);
            setHostNotices(List.of());
            refresh();
        } catch (RuntimeException e) {
            runner.set(null);
            probing.set(false);
            probeGeneration++;
            String detail = String.valueOf(e.getMessage());
            setHostNotices(List.of(new Notice("connect:" + h.id(), Notice.Level.DANGER, I18n.t("app.host.cannotConnect", h.displayName()), detail)));
        }
    }

    /**
     * The app's one runner for {@code h}, opened on first use and closed on exit: what the main window shows and what a
     * move to that host uses are the same connection, so the host's guest services (its QEMU VMs' QMP sessions) are
     * made once. Any thread.
     */
    public CommandRunner runnerFor(Host h) {
        return runners.computeIfAbsent(h.id(), id -> {
            CommandRunner made = services.runners().forHost(h, services.journal());
            opened.add(made);
            return tracker.track(made);
        });
    }

    /** Probes the connected host again (Ctrl+R). */
    public void refresh() {
        CommandRunner r = runner.get();
        if (r == null) {
            connect(selectedHost.get());
            return;
        }
        long generation = ++probeGeneration;
        probing.set(true);
        BackgroundTask.of(I18n.t("app.status.probing"), ctx -> services.probes().probe(r))
                .onSuccess(rep -> {
                    if (generation == probeGeneration) {
                        report.set(rep);
                        // an unreachable host fails every check the same way: say it once
                        setHostNotices(rep.blockers().stream().map(c -> ReportText.notice(c, rep)).distinct()
                                .limit(rep.zfs().issue() == dev.sluice.host.probe.Issue.HOST_UNREACHABLE ? 1 : Long.MAX_VALUE).toList());
                    }
                    checkAuditLog();
                })
                .onFailure(e -> {
                    if (generation == probeGeneration) {
                        setHostNotices(List.of(new Notice("probe", Notice.Level.DANGER,
                                I18n.t("app.host.probeFailed", r.hostName()), String.valueOf(e.getMessage()))));
                    }
                })
                .onFinally(() -> {
                    if (generation == probeGeneration) {
                        probing.set(false);
                    }
                })
                .executeWith(services.executor());
    }

    // A full disk must not stop commands, but the admin should know the audit trail has a gap.
    private void checkAuditLog() {
        if (services.audit() != null) {
            services.audit().lastFailure().ifPresent(e -> showLasting(new Notice("audit", Notice.Level.WARNING,
                    I18n.t("app.notice.auditFailed"), I18n.t("app.notice.auditFailedText", services.audit().file(), e.getMessage()))));
        }
    }

    /** Ends shared SSH connections; the app is closing. */
    public void close() {
        for (CommandRunner r : opened) {
            if (r instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing is best effort on the way out
                }
            }
        }
        opened.clear();
        runners.clear();
    }

    /** Saves an SSH host and connects to it. */
    public void addHost(Host h) {
        try {
            services.hosts().put(h);
        } catch (RuntimeException e) {
            showLasting(new Notice("save", Notice.Level.WARNING, I18n.t("app.notice.saveFailed"), e.getMessage()));
        }
        closeRunner(h.id());
        hosts.setAll(services.hosts().hosts());
        Host added = hosts.stream().filter(x -> x.id().equals(h.id())).findFirst().orElse(h);
        if (added.equals(selectedHost.get())) {
            connect(added);
        } else {
            selectedHost.set(added);
        }
    }

    /** Changes how the selected host gains root, saves it, and checks the host again. */
    public void setElevation(Elevation e) {
        Host h = selectedHost.get();
        if (h == null || h.elevation() == e) {
            return;
        }
        Host changed = h.withElevation(e);
        try {
            services.hosts().put(changed);
        } catch (RuntimeException ex) {
            showLasting(new Notice("save", Notice.Level.WARNING, I18n.t("app.notice.saveFailed"), ex.getMessage()));
        }
        closeRunner(h.id());
        hosts.setAll(services.hosts().hosts());
        selectedHost.set(hosts.stream().filter(x -> x.id().equals(h.id())).findFirst().orElse(changed));
    }

    /** Forgets the selected SSH host and goes back to the local one. */
    public void removeSelectedHost() {
        Host h = selectedHost.get();
        if (h == null || h.isLocal()) {
            return;
        }
        try {
            services.hosts().remove(h.id());
        } catch (RuntimeException ex) {
            showLasting(new Notice("save", Notice.Level.WARNING, I18n.t("app.notice.saveFailed"), ex.getMessage()));
        }
        closeRunner(h.id());
        hosts.setAll(services.hosts().hosts());
        selectedHost.set(hosts.get(0));
    }

    private void closeRunner(String hostId) {
        if (runners.remove(hostId) != null) {
            opened.removeIf(r -> {
                if (r.host().id().equals(hostId)) {
                    if (r instanceof AutoCloseable c) {
                        try {
                            c.close();
                        } catch (Exception ignored) {
                            // best effort: the connection ends with its process anyway
                        }
                    }
                    return true;
                }
                return false;
            });
        }
    }

    public Optional<Host> findHost(String id) {
        return hosts.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    public void toggleTheme() {
        theme.set(theme.get() == Settings.Theme.DARK ? Settings.Theme.LIGHT : Settings.Theme.DARK);
    }

    public void dismiss(Notice n) {
        dismissed.add(n.id());
        publishNotices();
    }

    public void showLasting(Notice n) {
        lasting.removeIf(x -> x.id().equals(n.id()));
        lasting.add(n);
        dismissed.remove(n.id());
        publishNotices();
    }

    private void setHostNotices(List<Notice> ns) {
        hostNotices = ns;
        publishNotices();
    }

    private void publishNotices() {
        List<Notice> all = new ArrayList<>(hostNotices);
        all.addAll(lasting);
        all.removeIf(n -> dismissed.contains(n.id()));
        notices.setAll(all);
    }

    public ObservableList<Host> hosts() {
        return hosts;
    }

    public ObjectProperty<Host> selectedHostProperty() {
        return selectedHost;
    }

    /** The selected host's runner; null while it cannot be reached. */
    public ReadOnlyObjectProperty<CommandRunner> runnerProperty() {
        return runner.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HostReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty probingProperty() {
        return probing.getReadOnlyProperty();
    }

    public ObjectProperty<Feature> currentFeatureProperty() {
        return currentFeature;
    }

    public ObjectProperty<Settings.Theme> themeProperty() {
        return theme;
    }

    public ObjectProperty<Settings.Language> languageProperty() {
        return language;
    }

    public ObservableList<Notice> notices() {
        return notices;
    }

    public CommandTracker tracker() {
        return tracker;
    }

    public Services services() {
        return services;
    }
}
