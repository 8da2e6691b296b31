package dev.sluice.ui.migration;

import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.LiveCheck;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.zfs.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The migration wizard: source, target, options, review, progress. Nothing changes on the host before
 * Run; the review page shows every step with the exact commands the plan will run, or the planner's
 * refusals with their fixes.
 */
public final class MigrationWizardViewModel {

    public enum Page { SOURCE, TARGET, OPTIONS, REVIEW, PROGRESS }

    private final MigrationTools.Source toolSource;
    private final TaskExecutor executor;
    private final boolean fixedSources;
    private final String presetHost;
    private MigrationTools tools;
    /** The tools that move to the chosen target host: {@link #tools} itself for this host. */
    private MigrationTools targetTools;
    private List<Dataset> datasets = List.of();
    /** The target host's datasets (this host's own when the target is this host). */
    private List<Dataset> targetDatasets = List.of();

    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(this, "page", Page.SOURCE);
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    // source
    private final ObservableList<MigrationSource> sources = FXCollections.observableArrayList();
    private final ObservableList<String> zvols = FXCollections.observableArrayList();
    private final StringProperty selectedZvol = new SimpleStringProperty(this, "selectedZvol");
    // target
    private final ObservableList<MigrationTools.TargetHost> targetHosts = FXCollections.observableArrayList();
    private final ObjectProperty<MigrationTools.TargetHost> targetHost = new SimpleObjectProperty<>(this, "targetHost");
    private final StringProperty reachAs = new SimpleStringProperty(this, "reachAs", "");
    private final StringProperty routeText = new SimpleStringProperty(this, "routeText", "");
    private final ObservableList<String> pools = FXCollections.observableArrayList();
    private final StringProperty targetPool = new SimpleStringProperty(this, "targetPool");
    private final ObservableList<String> parents = FXCollections.observableArrayList();
    private final StringProperty targetParent = new SimpleStringProperty(this, "targetParent");
    private final StringProperty spaceText = new SimpleStringProperty(this, "spaceText", "");
    private final BooleanProperty spaceShort = new SimpleBooleanProperty(this, "spaceShort");
    private final StringProperty encryptionText = new SimpleStringProperty(this, "encryptionText", "");
    private long estimate = -1;
    // options
    private final BooleanProperty preseed = new SimpleBooleanProperty(this, "preseed", true);
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", true);
    private final BooleanProperty liveAvailable = new SimpleBooleanProperty(this, "liveAvailable", false);
    private final StringProperty liveText = new SimpleStringProperty(this, "liveText", "");
    private final BooleanProperty destroySource = new SimpleBooleanProperty(this, "destroySource", false);
    private final BooleanProperty raw = new SimpleBooleanProperty(this, "raw", false);
    private final BooleanProperty compressed = new SimpleBooleanProperty(this, "compressed", true);
    private final BooleanProperty keepPartialTarget = new SimpleBooleanProperty(this, "keepPartialTarget", false);
    private final StringProperty receiveProperties = new SimpleStringProperty(this, "receiveProperties", "");
    private final StringProperty optionsError = new SimpleStringProperty(this, "optionsError", "");
    // review
    private final ObjectProperty<Plans> plans = new SimpleObjectProperty<>(this, "plans");
    private final ObservableList<StepRow> reviewSteps = FXCollections.observableArrayList();
    private final ObservableList<String> refusals = FXCollections.observableArrayList();
    private final StringProperty reviewSummary = new SimpleStringProperty(this, "reviewSummary", "");
    // progress
    private final ObjectProperty<MigrationRunViewModel> run = new SimpleObjectProperty<>(this, "run");

    private final BooleanBinding canNext;
    private final BooleanBinding canRun;

    /** {@code preset}: the VM's disks or the zvol the wizard was opened for (empty: the user picks a zvol). */
    public MigrationWizardViewModel(MigrationTools.Source tools, TaskExecutor executor, List<MigrationSource> preset, String presetPool) {
        this(tools, executor, preset, presetPool, null);
    }

    /** {@code presetHost}: the id of the host to move to (null: this host). */
    public MigrationWizardViewModel(MigrationTools.Source tools, TaskExecutor executor, List<MigrationSource> preset, String presetPool,
                                    String presetHost) {
        this.presetHost = presetHost;
        this.toolSource = tools;
        this.executor = executor;
        this.fixedSources = !preset.isEmpty();
        sources.setAll(preset);
        targetPool.set(presetPool);
        selectedZvol.addListener((o, was, now) -> {
            if (!fixedSources) {
                sources.setAll(now == null ? List.of() : List.of(MigrationSource.zvol(now)));
            }
        });
        targetPool.addListener((o, was, now) -> fillParents());
        targetHost.addListener((o, was, now) -> {
            if (now != null && was != null && !now.id().equals(was.id())) {
                openTarget();
            }
        });
        targetParent.addListener((o, was, now) -> refreshTargetFacts());
        raw.addListener((o, was, now) -> refreshTargetFacts());
        receiveProperties.addListener((o, was, now) -> optionsError.set(parseProperties(now).isPresent() ? "" : I18n.t("migrate.options.badProperty")));
        canNext = Bindings.createBooleanBinding(this::nextAllowed, page, busy, sources, targetParent, optionsError);
        canRun = Bindings.createBooleanBinding(() -> page.get() == Page.REVIEW && !busy.get() && plans.get() != null
                && !plans.get().refused(), page, busy, plans);
    }

    /** Reads zvols, pools and datasets from the host; call once when the wizard opens. */
    public void load() {
        busy.set(true);
        BackgroundTask.of(I18n.t("migrate.wizard.loading"), ctx -> {
            MigrationTools t = toolSource.open();
            List<Dataset> all = t.zfs().datasets();
            List<String> poolNames = t.zfs().pools().stream().map(p -> p.name()).toList();
            List<MigrationTools.TargetHost> hosts = new ArrayList<>();
            hosts.add(new MigrationTools.TargetHost(t.hostId(), I18n.t("migrate.target.thisHost", t.zfs().runner().host().displayName())));
            hosts.addAll(toolSource.otherHosts());
            return Map.entry(Map.entry(t, hosts), Map.entry(all, poolNames));
        }).onSuccess(r -> {
            tools = r.getKey().getKey();
            targetTools = tools;
            targetHosts.setAll(r.getKey().getValue());
            targetHost.set(targetHosts.get(0));
            datasets = r.getValue().getKey();
            targetDatasets = datasets;
            zvols.setAll(datasets.stream().filter(Dataset::isVolume).map(Dataset::name).toList());
            pools.setAll(r.getValue().getValue());
            if (!fixedSources && !zvols.isEmpty() && selectedZvol.get() == null) {
                selectedZvol.set(zvols.get(0));
            }
            fillParents();
            targetHosts.stream().filter(h -> h.id().equals(presetHost)).findFirst().ifPresent(targetHost::set);
        }).onFailure(e -> error.set(UserMessages.of(e))).onFinally(() -> busy.set(false)).executeWith(executor);
    }

    public void next() {
        if (!canNext.get()) {
            return;
        }
        switch (page.get()) {
            case SOURCE -> {
                page.set(Page.TARGET);
                estimate();
            }
            case TARGET -> {
                page.set(Page.OPTIONS);
                checkLive();
            }
            case OPTIONS -> {
                page.set(Page.REVIEW);
                plan();
            }
            default -> { }
        }
    }

    public void back() {
        switch (page.get()) {
            case TARGET -> page.set(Page.SOURCE);
            case OPTIONS -> page.set(Page.TARGET);
            case REVIEW -> page.set(Page.OPTIONS);
            default -> { }
        }
    }

    /** Starts the reviewed plans: exactly what the review page showed. */
    public MigrationRunViewModel runPlans() {
        if (!canRun.get()) {
            return null;
        }
        MigrationRunViewModel r = new MigrationRunViewModel(plans.get().plans(), targetTools, executor);
        r.keepPartialTargetProperty().set(keepPartialTarget.get());
        run.set(r);
        page.set(Page.PROGRESS);
        r.start();
        return r;
    }

    /** The review page's "Copy as shell script". */
    public String shellScript() {
        return plans.get() == null ? "" : ShellScript.of(plans.get().plans());
    }

    public MigrationOptions options() {
        Map<String, String> props = parseProperties(receiveProperties.get()).orElse(Map.of());
        return new MigrationOptions(preseed.get(), raw.get(), compressed.get(), destroySource.get(), keepPartialTarget.get(), props,
                live.get());
    }

    /**
     * Asks each running guest's QEMU whether its disk can move live (blocking, so in the background): "Live (no
     * shutdown)" is offered when every guest that runs can, and the text says which can and why the others cannot.
     */
    private void checkLive() {
        liveAvailable.set(false);
        if (targetTools != null && targetTools.crossHost()) {
            liveText.set(I18n.t("migrate.live.notAcrossHosts"));
            return;
        }
        liveText.set(I18n.t("migrate.options.liveChecking"));
        List<MigrationSource> what = List.copyOf(sources);
        MigrationTools t = tools;
        BackgroundTask.of(I18n.t("migrate.options.liveChecking"), ctx -> {
            List<LiveCheck> checks = new ArrayList<>();
            for (MigrationSource given : what) {
                // as the planner will see it: a zvol picked without its VM moves with the VM that uses it
                MigrationSource s = Plans.withItsGuest(t, given);
                GuestControl gc = GuestControl.NONE;
                if (s.guest().present()) {
                    try {
                        gc = t.guests().apply(s.guest());
                    } catch (RuntimeException e) {
                        // the planner refuses with this message; here the guest just cannot move live
                    }
                }
                checks.add(LiveCheck.of(s.guest(), gc));
            }
            return checks;
        }).onSuccess(checks -> {
            liveAvailable.set(!checks.isEmpty() && checks.stream().allMatch(LiveCheck::possible));
            liveText.set(String.join("\n", checks.stream().map(LiveCheck::why).distinct().toList()));
        }).onFailure(e -> liveText.set(UserMessages.of(e))).executeWith(executor);
    }

    private boolean nextAllowed() {
        if (busy.get()) {
            return false;
        }
        return switch (page.get()) {
            case SOURCE -> !sources.isEmpty();
            case TARGET -> targetParent.get() != null && !targetParent.get().isBlank();
            case OPTIONS -> optionsError.get().isEmpty();
            default -> false;
        };
    }

    private void plan() {
        plans.set(null);
        reviewSteps.clear();
        refusals.clear();
        reviewSummary.set("");
        busy.set(true);
        List<MigrationSource> what = List.copyOf(sources);
        String parent = targetParent.get();
        MigrationOptions o = options();
        MigrationTools planning = targetTools;
        BackgroundTask.of(I18n.t("migrate.review.planning"), ctx -> Plans.make(planning, what, parent, o))
                .onSuccess(p -> {
                    plans.set(p);
                    refusals.setAll(p.refusals());
                    reviewSummary.set(summary(p));
                    reviewSteps.setAll(new MigrationRunViewModel(p.plans(), planning, executor).steps());
                })
                .onFailure(e -> refusals.setAll(UserMessages.of(e)))
                .onFinally(() -> busy.set(false)).executeWith(executor);
    }

    private static String summary(Plans p) {
        List<String> lines = new ArrayList<>();
        for (var r : p.plans()) {
            lines.add(r.guest().present() && r.guest().wasRunning()
                    ? I18n.t(r.live() ? "migrate.review.summaryVmLive" : "migrate.review.summaryVm", r.source(), r.target(),
                            r.guest().vmName())
                    : I18n.t("migrate.review.summary", r.source(), r.target()));
        }
        return String.join("\n", lines);
    }

    private void estimate() {
        List<Dataset> src = sourceDatasets();
        busy.set(true);
        BackgroundTask.of(I18n.t("migrate.target.estimating"), ctx -> {
            long sum = 0;
            for (Dataset d : src) {
                sum += Plans.estimate(tools.zfs(), d);
            }
            return sum;
        }).onSuccess(sum -> {
            estimate = sum;
            refreshTargetFacts();
        }).onFailure(e -> spaceText.set(UserMessages.of(e))).onFinally(() -> busy.set(false)).executeWith(executor);
    }

    /**
     * Opens the tools for the chosen target host (the direct route probed, else relayed) and lists its pools;
     * also when "reach it as" changes.
     */
    public void openTarget() {
        MigrationTools.TargetHost h = targetHost.get();
        if (h == null || tools == null) {
            return;
        }
        String as = reachAs.get() == null ? "" : reachAs.get().strip();
        Optional<dev.sluice.host.SshHop> hop;
        try {
            hop = as.isEmpty() ? Optional.empty() : Optional.of(hop(as));
        } catch (IllegalArgumentException e) {
            routeText.set(e.getMessage());
            return;
        }
        busy.set(true);
        routeText.set(I18n.t("migrate.target.probing"));
        BackgroundTask.of(I18n.t("migrate.target.probing"), ctx -> {
            MigrationTools t = h.id().equals(tools.hostId()) ? tools : toolSource.openTo(h.id(), hop);
            List<Dataset> all = t.to().zfs().datasets();
            List<String> poolNames = t.to().zfs().pools().stream().map(p -> p.name()).toList();
            return Map.entry(t, Map.entry(all, poolNames));
        }).onSuccess(r -> {
            targetTools = r.getKey();
            targetDatasets = r.getValue().getKey();
            routeText.set(targetTools.crossHost() ? targetTools.to().routeNote() : "");
            targetPool.set(null);
            pools.setAll(r.getValue().getValue());
            if (!pools.isEmpty()) {
                targetPool.set(pools.get(0));
            }
            fillParents();
        }).onFailure(e -> {
            routeText.set(UserMessages.of(e));
            pools.clear();
            targetDatasets = List.of();
            fillParents();
        }).onFinally(() -> busy.set(false)).executeWith(executor);
    }

    /** {@code user@host} or {@code user@host:port}, as the source host would reach the target. */
    static dev.sluice.host.SshHop hop(String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0 && colon < text.length() - 1 && text.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return new dev.sluice.host.SshHop(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return new dev.sluice.host.SshHop(text, 0);
    }

    private void fillParents() {
        String pool = targetPool.get();
        List<String> names = new ArrayList<>();
        if (pool != null) {
            for (Dataset d : targetDatasets) {
                if (!d.isVolume() && (d.name().equals(pool) || d.name().startsWith(pool + "/"))) {
                    names.add(d.name());
                }
            }
        }
        parents.setAll(names);
        String best = pool;
        if (pool != null && !sources.isEmpty()) {
            String z = sources.get(0).zvol();
            int first = z.indexOf('/');
            int last = z.lastIndexOf('/');
            String same = first > 0 && last > first ? pool + z.substring(first, last) : pool;
            best = names.contains(same) ? same : pool;
        }
        targetParent.set(names.contains(best) ? best : null);
        refreshTargetFacts();
    }

    private void refreshTargetFacts() {
        Optional<Dataset> parent = findOnTarget(targetParent.get());
        if (parent.isEmpty()) {
            spaceText.set("");
            encryptionText.set("");
            spaceShort.set(false);
            return;
        }
        encryptionText.set(TargetFacts.encryption(parent.get(), sourceDatasets(), raw.get()));
        if (estimate >= 0) {
            spaceText.set(TargetFacts.space(parent.get(), estimate));
            spaceShort.set(!TargetFacts.fits(parent.get(), estimate));
        } else {
            spaceText.set(I18n.t("migrate.target.free", Sizes.human(parent.get().available())));
        }
    }

    private List<Dataset> sourceDatasets() {
        return sources.stream().map(s -> find(s.zvol())).flatMap(Optional::stream).toList();
    }

    private Optional<Dataset> find(String name) {
        return name == null ? Optional.empty() : datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private Optional<Dataset> findOnTarget(String name) {
        return name == null ? Optional.empty() : targetDatasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** {@code compression=zstd, org.example:note=x} (commas, spaces or new lines between); empty when malformed. */
    static Optional<Map<String, String>> parseProperties(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return Optional.of(out);
        }
        for (String item : text.strip().split("[,\\s]+")) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                return Optional.empty();
            }
            out.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return Optional.of(out);
    }

    public ReadOnlyObjectProperty<Page> pageProperty() { return page; }
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
    public ReadOnlyStringProperty errorProperty() { return error; }
    public boolean fixedSources() { return fixedSources; }
    public ObservableList<MigrationSource> sources() { return sources; }
    public ObservableList<String> zvols() { return zvols; }
    public StringProperty selectedZvolProperty() { return selectedZvol; }
    public ObservableList<String> pools() { return pools; }
    public ObservableList<MigrationTools.TargetHost> targetHosts() { return targetHosts; }
    public ObjectProperty<MigrationTools.TargetHost> targetHostProperty() { return targetHost; }
    public StringProperty reachAsProperty() { return reachAs; }
    public ReadOnlyStringProperty routeTextProperty() { return routeText; }
    public StringProperty targetPoolProperty() { return targetPool; }
    public ObservableList<String> parents() { return parents; }
    public StringProperty targetParentProperty() { return targetParent; }
    public ReadOnlyStringProperty spaceTextProperty() { return spaceText; }
    public ReadOnlyBooleanProperty spaceShortProperty() { return spaceShort; }
    public ReadOnlyStringProperty encryptionTextProperty() { return encryptionText; }
    public BooleanProperty preseedProperty() { return preseed; }
    /** Move running QEMU guests without stopping them (when {@link #liveAvailableProperty()}); else stop and send. */
    public BooleanProperty liveProperty() { return live; }
    public ReadOnlyBooleanProperty liveAvailableProperty() { return liveAvailable; }
    public ReadOnlyStringProperty liveTextProperty() { return liveText; }
    public BooleanProperty destroySourceProperty() { return destroySource; }
    public BooleanProperty rawProperty() { return raw; }
    public BooleanProperty compressedProperty() { return compressed; }
    public BooleanProperty keepPartialTargetProperty() { return keepPartialTarget; }
    public StringProperty receivePropertiesProperty() { return receiveProperties; }
    public ReadOnlyStringProperty optionsErrorProperty() { return optionsError; }
    public ReadOnlyObjectProperty<Plans> plansProperty() { return plans; }
    public ObservableList<StepRow> reviewSteps() { return reviewSteps; }
    public ObservableList<String> refusals() { return refusals; }
    public ReadOnlyStringProperty reviewSummaryProperty() { return reviewSummary; }
    public ReadOnlyObjectProperty<MigrationRunViewModel> runProperty() { return run; }
    public BooleanBinding canNextProperty() { return canNext; }
    public BooleanBinding canRunProperty() { return canRun; }
}
