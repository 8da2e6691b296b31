package dev.sluice.ui.volumes;

import dev.sluice.host.CommandRunner;
import dev.sluice.task.BackgroundTask;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.LatestLoad;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.dialogs.Passphrase;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DatasetType;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.Property;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.ZfsSizes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Volumes view: the filesystems and volumes (all, and those the filter shows), the
 * selection and its properties, and the actions (create zvol, resize, destroy, load/unload key),
 * each prepared as a {@link ConfirmableAction} whose plan shows the exact commands. No Nodes.
 */
public final class VolumesViewModel {
    private volatile ZfsService zfs;
    private volatile DiskUsers diskUsers = DiskUsers.NONE;
    private final ActionRunner actions;
    private volatile VolumeActions plans;
    private final ObservableList<DatasetRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<dev.sluice.ui.migration.HostMoves> hostMoves = new javafx.beans.property.SimpleObjectProperty<>(this, "hostMoves");
    private final ObjectProperty<java.util.function.BiConsumer<String, String>> moveHandler =
            new javafx.beans.property.SimpleObjectProperty<>();
    private final ObservableList<DatasetRow> visibleRows = FXCollections.observableArrayList();
    private final ObservableList<Property> properties = FXCollections.observableArrayList();
    private final ObservableList<DatasetRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<DatasetRow> readOnlyVisible = FXCollections.unmodifiableObservableList(visibleRows);
    private final ObservableList<Property> readOnlyProperties = FXCollections.unmodifiableObservableList(properties);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<DatasetRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty propertiesTitle = new SimpleStringProperty(this, "propertiesTitle", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final LatestLoad loads = new LatestLoad();
    private final LatestLoad userLoads = new LatestLoad();
    private final BooleanProperty usersBusy = new SimpleBooleanProperty(this, "usersBusy");
    /** zvol name → the VMs with a disk on it ("web 1 (running)"), from the host's VM inventory; read after each refresh. */
    private final javafx.collections.ObservableMap<String, String> usedBy = FXCollections.observableHashMap();
    private final StringProperty emptyTitle = new SimpleStringProperty(this, "emptyTitle", "");
    private final StringProperty emptyText = new SimpleStringProperty(this, "emptyText", "");
    private final StringProperty emptyCommand = new SimpleStringProperty(this, "emptyCommand", "");
    private final BooleanBinding canResize;
    private final BooleanBinding canDestroy;
    private final BooleanBinding canLoadKey;
    private final BooleanBinding canUnloadKey;
    private final BooleanBinding canCreate;
    private long propertiesRequest;
    private volatile long defaultBlockSize = 16384;

    /**
     * Follows the selected host: another runner means another host, so everything is read again;
     * no runner (not connected) shows an empty state.
     */
    public VolumesViewModel(ObservableValue<? extends CommandRunner> runner, ActionRunner actions) {
        this(runner.getValue() == null ? null : new ZfsService(runner.getValue()), actions);
        runner.addListener((o, was, now) -> {
            use(now == null ? null : new ZfsService(now));
            selected.set(null);
            refresh();
        });
    }

    public VolumesViewModel(ZfsService zfs, ActionRunner actions) {
        this.actions = actions;
        use(zfs);
        filter.addListener((o, was, now) -> applyFilter());
        selected.addListener((o, was, now) -> loadProperties(now));
        canResize = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().isVolume(), selected, busy);
        canDestroy = Bindings.createBooleanBinding(() -> selected.get() != null && !selected.get().isPoolRoot(), selected);
        canLoadKey = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().canLoadKey(), selected);
        canUnloadKey = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().canUnloadKey(), selected);
        canCreate = Bindings.createBooleanBinding(() -> rows.stream().anyMatch(r -> !r.isVolume()), rows);
    }

    private void use(ZfsService service) {
        this.zfs = service;
        this.plans = service == null ? null : new VolumeActions(service, diskUsers);
    }

    /** Who has a disk on a zvol (the app's VM inventory): a destroy names them, or refuses while they run. */
    public void setDiskUsers(DiskUsers users) {
        this.diskUsers = users == null ? DiskUsers.NONE : users;
        use(zfs);
    }

    // ---- snippets for other tools -----------------------------------------------------------

    /** "Copy as libvirt disk": a {@code <disk type='block'>} element for this zvol's device. */
    public String libvirtDiskSnippet(DatasetRow row) {
        return ZvolSnippets.libvirtDisk(row.name(), devicePath(row), "vdb");
    }

    /** "Copy as MicroVM.nix volume": a {@code microvm.volumes} entry for this zvol's device. */
    public String microVmSnippet(DatasetRow row) {
        return ZvolSnippets.microVmVolume(row.name(), devicePath(row), row.dataset().volsize());
    }

    private String devicePath(DatasetRow row) {
        ZfsService zfs = this.zfs;
        return (zfs == null ? dev.sluice.zfs.HostOs.LINUX : zfs.os()).zvolDevicePath(row.name());
    }

    // ---- reading ---------------------------------------------------------------------------

    /** Reads {@code zfs list} in the background; keeps the selection when the dataset still exists. */
    public void refresh() {
        ZfsService zfs = this.zfs;
        if (zfs == null) {
            loads.invalidate();
            busy.set(false);
            rows.clear();
            visibleRows.clear();
            setEmpty(I18n.t("pools.noHost.title"), I18n.t("pools.noHost.text"), "");
            return;
        }
        loads.start(I18n.t("volumes.task.read"), ctx -> {
            // the version decides the default volblocksize the create dialog offers; read it here, not on the FX thread
            defaultBlockSize = ZfsSizes.defaultVolBlockSize(zfs.version());
            return zfs.datasets();
        }, this::show, this::showFailure, busy, actions.executor());
    }

    private void show(List<Dataset> datasets) {
        String keep = selected.get() == null ? null : selected.get().name();
        rows.setAll(datasets.stream()
                .filter(d -> d.type() == DatasetType.FILESYSTEM || d.type() == DatasetType.VOLUME)
                .map(DatasetRow::new).sorted(java.util.Comparator.comparing(DatasetRow::name)).toList());
        applyFilter();
        if (rows.isEmpty()) {
            setEmpty(I18n.t("volumes.empty.title"), I18n.t("volumes.empty.text"), I18n.t("pools.empty.command"));
        } else {
            setEmpty("", "", "");
        }
        readUsers(rows.stream().filter(DatasetRow::isVolume).map(DatasetRow::name).toList());
        DatasetRow before = selected.get();
        DatasetRow again = keep == null ? null : find(keep);
        selected.set(again);
        if (again != null && again.equals(before)) {
            // an equal row fires no change, but its properties may have changed: read them again
            loadProperties(again);
        }
    }

    /** The "Used by" column: which VMs have a disk on each zvol, asked after the tree is shown (the inventory is slower). */
    private void readUsers(List<String> zvols) {
        DiskUsers users = diskUsers;
        if (zvols.isEmpty() || users == DiskUsers.NONE) {
            userLoads.invalidate();
            usedBy.clear();
            return;
        }
        userLoads.start(I18n.t("volumes.task.users"), ctx -> users.using(zvols), found -> {
            java.util.Map<String, String> byZvol = new java.util.TreeMap<>();
            for (DiskUsers.User u : found) {
                String text = u.running() ? I18n.t("volumes.usedBy.running", u.vm()) : u.vm();
                byZvol.merge(u.zvol(), text, (a, b) -> a + ", " + b);
            }
            usedBy.clear();
            usedBy.putAll(byZvol);
        }, e -> {
            usedBy.clear(); // a hypervisor did not answer: nothing is claimed free; a destroy asks again and says why
        }, usersBusy, actions.executor());
    }

    /** zvol name → who uses it, for the tree's "Used by" column (empty: no VM has a disk on it, or not known yet). */
    public javafx.collections.ObservableMap<String, String> usedBy() {
        return usedBy;
    }

    private void showFailure(Throwable e) {
        rows.clear();
        visibleRows.clear();
        if (UserMessages.notInstalled(e) != null) {
            setEmpty(I18n.t("pools.zfsMissing.title"), UserMessages.of(e), "");
        } else {
            setEmpty(I18n.t("volumes.error.title"), UserMessages.of(e), "");
            actions.notifications().error(UserMessages.of(e));
        }
    }

    private void setEmpty(String title, String text, String command) {
        emptyTitle.set(title);
        emptyText.set(text);
        emptyCommand.set(command);
    }

    public DatasetRow find(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** Rows whose name contains the filter, plus their ancestors so the tree stays a tree. */
    private void applyFilter() {
        String needle = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            visibleRows.setAll(rows);
            return;
        }
        Set<String> keep = new HashSet<>();
        for (DatasetRow r : rows) {
            if (r.matches(needle)) {
                for (String n = r.name(); n != null; n = dev.sluice.zfs.ZfsNames.parentOf(n)) {
                    keep.add(n);
                }
            }
        }
        visibleRows.setAll(rows.stream().filter(r -> keep.contains(r.name())).toList());
    }

    private void loadProperties(DatasetRow row) {
        long request = ++propertiesRequest;
        if (row == null) {
            properties.clear();
            propertiesTitle.set(I18n.t("volumes.properties.none"));
            return;
        }
        propertiesTitle.set(I18n.t("volumes.properties.title", row.name()));
        properties.clear(); // never the previous selection's values under this title while a slow host answers
        ZfsService zfs = this.zfs;
        BackgroundTask.of(I18n.t("volumes.task.properties", row.name()), ctx -> zfs.properties(row.name()))
                .onSuccess(list -> {
                    // a slower answer for an earlier selection must not overwrite the current one
                    if (request == propertiesRequest) {
                        properties.setAll(list);
                    }
                })
                .onFailure(e -> {
                    if (request == propertiesRequest) {
                        properties.clear();
                        propertiesTitle.set(UserMessages.of(e));
                    }
                })
                .executeWith(actions.executor());
    }

    // ---- actions -----------------------------------------------------------------------------

    /** The form for "New zvol", with the selection (or its parent filesystem) as the proposed parent. */
    public CreateZvolForm newZvolForm() {
        DatasetRow s = selected.get();
        String parent = s == null ? null : s.isVolume() ? s.parentName() : s.name();
        return new CreateZvolForm(rows.stream().map(DatasetRow::dataset).toList(),
                defaultBlockSize, parent);
    }

    /** What "New dataset" proposes: a new child of the selected filesystem (or of the zvol's parent). */
    public String newDatasetProposal() {
        DatasetRow s = selected.get();
        String parent = s == null ? rows.stream().filter(DatasetRow::isPoolRoot).map(DatasetRow::name).findFirst().orElse("")
                : s.isVolume() ? s.parentName() : s.name();
        return parent.isEmpty() ? "" : parent + "/";
    }

    public dev.sluice.ui.common.dialogs.Verdict checkNewDataset(String name) {
        java.util.Map<String, Boolean> existing = new java.util.HashMap<>();
        rows.forEach(r -> existing.put(r.name(), r.isVolume()));
        return VolumeActions.checkNewDataset(name, existing);
    }

    public Optional<ConfirmableAction> createDataset(String name) {
        return guarded(p -> p.createDataset(name.strip()), null);
    }

    /** {@code passphrase} only when the form asks for new encryption; it is wiped after the run or on decline. */
    public Optional<ConfirmableAction> createZvol(CreateZvolForm form, Passphrase passphrase) {
        return guarded(p -> p.createZvol(form, passphrase), passphrase);
    }

    /** The verdict on a new size typed for {@code row}: parse, block size, and whether it shrinks. */
    public dev.sluice.ui.common.dialogs.Verdict checkResize(DatasetRow row, String text) {
        return VolumeActions.checkResize(row, text);
    }

    public Optional<ConfirmableAction> resize(DatasetRow row, String sizeText) {
        return guarded(p -> p.resize(row, sizeText), null);
    }

    /**
     * Asks ZFS what a destroy would take ({@code zfs destroy -nvp}) in the background, then hands the
     * view an action whose plan lists all of it. Errors go to a notification.
     */
    public void prepareDestroy(DatasetRow row, Consumer<ConfirmableAction> then) {
        VolumeActions p = plans;
        if (p == null) {
            actions.notifications().error(I18n.t("pools.noHost.text"));
            return; // not busy: nothing runs without a host
        }
        busy.set(true);
        BackgroundTask.of(I18n.t("volumes.task.preview", row.name()), ctx -> p.destroy(row))
                .onSuccess(then)
                .onFailure(e -> actions.notifications().error(UserMessages.of(e)))
                .onFinally(() -> busy.set(false))
                .executeWith(actions.executor());
    }

    public Optional<ConfirmableAction> loadKey(DatasetRow row, Passphrase passphrase) {
        return guarded(p -> p.loadKey(row, passphrase), passphrase);
    }

    public Optional<ConfirmableAction> unloadKey(DatasetRow row) {
        return guarded(p -> p.unloadKey(row), null);
    }

    /** Runs a confirmed action; notification and refresh follow whatever happens. */
    public void perform(ConfirmableAction action) {
        actions.run(action, busy, this::refresh);
    }

    private Optional<ConfirmableAction> guarded(VolumeActions.Builder b, Passphrase secret) {
        VolumeActions p = plans;
        try {
            if (p == null) {
                throw new IllegalStateException("no host");
            }
            return Optional.of(b.build(p));
        } catch (IllegalStateException noHost) {
            if (secret != null) {
                secret.close();
            }
            return Optional.empty();
        } catch (InvalidZfsNameException | dev.sluice.zfs.InvalidSizeException e) {
            if (secret != null) {
                secret.close();
            }
            actions.notifications().error(e.getMessage());
            return Optional.empty();
        }
    }

    // ---- properties for the view ----------------------------------------------------------------

    public ObservableList<DatasetRow> rows() {
        return readOnlyRows;
    }

    /** What the tree shows: filtered rows plus their ancestors, sorted by name. */
    public ObservableList<DatasetRow> visibleRows() {
        return readOnlyVisible;
    }

    /** The selection's {@code zfs get -Hp all}, with sources. */
    /**
     * Where "Move to pool ▸ pool" goes (zvol name, target pool): the composition root sets it to the
     * migration wizard's one-click move. Empty: the menu is not offered.
     */
    /** "Move to ▸ <another host>…" (null: no other hosts offered). */
    public ObjectProperty<dev.sluice.ui.migration.HostMoves> hostMovesProperty() {
        return hostMoves;
    }

    public ObjectProperty<java.util.function.BiConsumer<String, String>> moveHandlerProperty() {
        return moveHandler;
    }

    /** The pools a zvol could move to: every pool on this host but its own. */
    public List<String> otherPools(DatasetRow r) {
        String own = r.dataset().pool();
        return rows.stream().map(x -> x.dataset().pool()).distinct().filter(p -> !p.equals(own)).sorted().toList();
    }

    public ObservableList<Property> properties() {
        return readOnlyProperties;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<DatasetRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty propertiesTitleProperty() {
        return propertiesTitle;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty emptyTitleProperty() {
        return emptyTitle;
    }

    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText;
    }

    public ReadOnlyStringProperty emptyCommandProperty() {
        return emptyCommand;
    }

    public BooleanBinding canResizeProperty() {
        return canResize;
    }

    public BooleanBinding canDestroyProperty() {
        return canDestroy;
    }

    public BooleanBinding canLoadKeyProperty() {
        return canLoadKey;
    }

    public BooleanBinding canUnloadKeyProperty() {
        return canUnloadKey;
    }

    public BooleanBinding canCreateProperty() {
        return canCreate;
    }
}
