package dev.sluice.ui.vms;

import dev.sluice.guest.DiskMoveRequest;
import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestInventory;
import dev.sluice.guest.Hypervisor;
import dev.sluice.host.CommandRunner;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.Progress;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DatasetType;
import dev.sluice.zfs.Pool;
import dev.sluice.zfs.Zvol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the VMs view: every guest of the selected host (VirtualBox and QEMU together) with its
 * disks, why a hypervisor is not shown, the selection, and the actions. Each action is prepared
 * as a {@link ConfirmableAction} whose plan shows what will run ({@link VmActions} builds them);
 * {@link #run} runs a confirmed one with progress, a notification and a refresh. No Nodes.
 */
public final class VmsViewModel {
    private final ObservableValue<CommandRunner> runner;
    private final GuestHosts hosts;
    private final ActionRunner actions;
    private final ObservableList<Guest> guests = FXCollections.observableArrayList();
    private final ObservableList<Pool> pools = FXCollections.observableArrayList();
    private final ObservableList<Zvol> zvols = FXCollections.observableArrayList();
    private final List<String> filesystems = new ArrayList<>();
    private final ObjectProperty<Guest> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<GuestDisk> selectedDisk = new SimpleObjectProperty<>(this, "selectedDisk");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final StringProperty vboxUnavailable = new SimpleStringProperty(this, "vboxUnavailable", "");
    private final StringProperty qemuUnavailable = new SimpleStringProperty(this, "qemuUnavailable", "");
    private final StringProperty libvirtUnavailable = new SimpleStringProperty(this, "libvirtUnavailable", "");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final ObjectProperty<Consumer<DiskMoveRequest>> moveHandler = new SimpleObjectProperty<>(this, "moveHandler");
    private final ObjectProperty<dev.sluice.ui.migration.HostMoves> hostMoves = new SimpleObjectProperty<>(this, "hostMoves");
    private volatile GuestHost host;
    private volatile String zfsProblem = "";
    private long refreshes;

    public VmsViewModel(ObservableValue<CommandRunner> runner, GuestHosts hosts, ActionRunner actions) {
        this.runner = runner;
        this.hosts = hosts;
        this.actions = actions;
        runner.addListener((o, was, now) -> {
            host = null;
            guests.clear();
            refresh();
        });
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The whole host: guests of both hypervisors, pools and zvols (for attach and move). */
    public void refresh() {
        CommandRunner r = runner.getValue();
        if (r == null) {
            problem.set(I18n.t("vms.noHost"));
            return;
        }
        long token = ++refreshes;
        busy.set(true);
        record Snapshot(GuestInventory.Result inventory, List<Pool> pools, List<Dataset> datasets, String zfsProblem) {
        }
        BackgroundTask.of(I18n.t("vms.task.read"), ctx -> {
            GuestHost h = hosts.open(r);
            host = h;
            GuestInventory.Result inv = GuestInventory.read(h);
            List<Pool> p = List.of();
            List<Dataset> d = List.of();
            String zfsProblem = "";
            try {
                p = h.zfs().pools();
                d = h.zfs().datasets();
            } catch (Exception noZfs) {
                // VMs without ZFS still list; attach and move say why they offer nothing
                zfsProblem = UserMessages.of(noZfs);
            }
            return new Snapshot(inv, p, d, zfsProblem);
        })
                .onSuccess(s -> {
                    if (token == refreshes) {
                        zfsProblem = s.zfsProblem(); // before show(): the rebuilt menus read it
                        show(s.inventory(), s.pools(), s.datasets());
                    }
                })
                .onFailure(e -> {
                    if (token == refreshes) {
                        guests.clear();
                        problem.set(UserMessages.of(e));
                    }
                })
                .onFinally(() -> busy.set(false))
                .executeWith(actions.executor());
    }

    private void show(GuestInventory.Result inv, List<Pool> p, List<Dataset> datasets) {
        String keep = selected.get() == null ? null : selected.get().id();
        // pools and zvols first: the rows (and their "Move to pool" menus) are rebuilt when the guests change
        pools.setAll(p);
        zvols.setAll(datasets.stream().filter(Dataset::isVolume)
                .map(d -> Zvol.of(d, host == null ? dev.sluice.zfs.HostOs.LINUX : host.zfs().os())).toList());
        filesystems.clear();
        datasets.stream().filter(d -> d.type() == DatasetType.FILESYSTEM).map(Dataset::name).forEach(filesystems::add);
        guests.setAll(inv.guests());
        // VirtualBox not installed is news only on a host with no guests at all: beside libvirt or QEMU guests its install
        // hint would be wrong advice (the status bar still says it is not found)
        boolean vboxAbsent = inv.vboxUnavailable() instanceof dev.sluice.host.CommandException.NotInstalled;
        vboxUnavailable.set(inv.vboxUnavailable() == null || vboxAbsent && !inv.guests().isEmpty() ? ""
                : UserMessages.of(inv.vboxUnavailable()));
        qemuUnavailable.set(inv.qemuUnavailable() == null ? "" : UserMessages.of(inv.qemuUnavailable()));
        libvirtUnavailable.set(inv.libvirtShown() == null ? "" : UserMessages.of(inv.libvirtShown()));
        problem.set("");
        selected.set(keep == null ? null : find(keep));
    }

    public Guest find(String idOrName) {
        return guests.stream().filter(g -> g.id().equals(idOrName) || g.name().equals(idOrName)).findFirst().orElse(null);
    }

    private VmActions plans() {
        GuestHost h = host;
        if (h == null) {
            throw new IllegalStateException("refresh first: no host is open");
        }
        return new VmActions(h);
    }

    // ---- actions ---------------------------------------------------------------------------

    /** Runs preflight in the background, then hands the problems and (unless blocked) the start to {@code then}. */
    public void prepareStart(Guest g, Consumer<StartCheck> then) {
        VmActions p = plans();
        busy.set(true);
        BackgroundTask.of(I18n.t("vms.task.preflight", g.name()), ctx -> p.startCheck(g))
                .onSuccess(then::accept)
                .onFailure(e -> actions.notifications().error(UserMessages.of(e)))
                .onFinally(() -> busy.set(false))
                .executeWith(actions.executor());
    }

    public ConfirmableAction prepareStop(Guest g) {
        return plans().stop(g);
    }

    public ConfirmableAction preparePowerOff(Guest g) {
        return plans().powerOff(g);
    }

    /** Where a zvol can go on {@code g}: free VirtualBox controller slots, or QEMU's next drive. */
    public List<AttachSlot> attachSlots(Guest g) {
        return VmActions.freeSlots(g);
    }

    /** Null when ZFS was read; else the sentence that explains an empty zvol or pool list (attach, move). */
    public String zfsUnavailable() {
        String p = zfsProblem;
        return p == null || p.isEmpty() ? null : I18n.t("common.zfsUnavailable", p);
    }

    /** Before offering zvols: false, with the error shown, when ZFS could not be read (not an empty list). */
    public boolean checkZfs() {
        String u = zfsUnavailable();
        if (u != null) {
            actions.notifications().error(u);
            return false;
        }
        return true;
    }

    /** Zvols not already used by any listed guest. */
    public List<Zvol> attachableZvols() {
        Set<String> used = guests.stream().flatMap(x -> x.disks().stream()).map(GuestDisk::device)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        return zvols.stream().filter(z -> !used.contains(z.devicePath())).toList();
    }

    /** The plan needs the VirtualBox version (6.x and 7.x differ), so it is prepared in the background. */
    public void prepareAttach(Guest g, Zvol zvol, AttachSlot slot, Consumer<ConfirmableAction> then) {
        VmActions p = plans();
        BackgroundTask.of(I18n.t("vms.attach.title"), ctx -> p.attach(g, zvol, slot))
                .onSuccess(then::accept)
                .onFailure(e -> actions.notifications().error(UserMessages.of(e)))
                .executeWith(actions.executor());
    }

    public CreateQemuVmForm newVmForm() {
        Set<String> names = guests.stream().filter(g -> g.hypervisor() == Hypervisor.QEMU).map(Guest::name).collect(Collectors.toSet());
        Set<String> datasets = zvols.stream().map(Zvol::name).collect(Collectors.toSet());
        datasets.addAll(filesystems);
        // where VM disks already live first (most zvols), pool roots last
        java.util.Map<String, Long> zvolsUnder = zvols.stream().map(Zvol::name).filter(n -> n.contains("/"))
                .collect(Collectors.groupingBy(n -> n.substring(0, n.lastIndexOf('/')), Collectors.counting()));
        List<String> parents = new ArrayList<>(filesystems);
        parents.removeIf(dev.sluice.ui.common.InternalDatasets::isInternal); // Sluice's guard copies are no home for a VM disk
        parents.sort(java.util.Comparator.comparing((String f) -> !f.contains("/"))
                .thenComparing(f -> -zvolsUnder.getOrDefault(f, 0L)).thenComparing(f -> f));
        return new CreateQemuVmForm(names, datasets, parents);
    }

    /** {@code zfs create} is shown as it will run (block size from the ZFS version): prepared in the background. */
    public void prepareCreate(CreateQemuVmForm form, Consumer<ConfirmableAction> then) {
        if (!form.valid()) {
            actions.notifications().error(form.firstProblem());
            return;
        }
        VmActions p = plans();
        BackgroundTask.of(I18n.t("vms.create.title"), ctx -> p.create(form))
                .onSuccess(then::accept)
                .onFailure(e -> actions.notifications().error(UserMessages.of(e)))
                .executeWith(actions.executor());
    }

    /** The pools a disk's zvol could move to: every pool but its own. */
    public List<String> movePools(GuestDisk d) {
        String from = d.pool().orElse(null);
        return from == null ? List.of() : pools.stream().map(Pool::name).filter(n -> !n.equals(from)).toList();
    }

    public void requestMove(Guest g, GuestDisk d, String targetPool) {
        Consumer<DiskMoveRequest> handler = moveHandler.get();
        if (handler == null) {
            return; // the menu is hidden then
        }
        handler.accept(new DiskMoveRequest(g, d, d.zvol().orElseThrow(), d.pool().orElseThrow(), targetPool));
    }

    /** Runs a confirmed action: progress while it runs, a notification after, then a refresh. */
    public void run(ConfirmableAction action) {
        busy.set(true);
        progress.set(-1);
        progressText.set(action.plan().title());
        BackgroundTask.of(action.plan().title(), action.work())
                .onProgress(this::showProgress)
                .onSuccess(v -> actions.notifications().success(v instanceof String s ? s : action.successMessage()))
                .onFailure(e -> actions.notifications().error(UserMessages.of(e)))
                .onCancelled(() -> actions.notifications().info(I18n.t("common.action.cancelled", action.plan().title())))
                .onFinally(() -> {
                    action.cleanup();
                    progressText.set("");
                    progress.set(0);
                    busy.set(false);
                    refresh();
                })
                .executeWith(actions.executor());
    }

    private void showProgress(Progress p) {
        progress.set(p.fraction());
        if (p.message() != null && !p.message().isBlank()) {
            progressText.set(p.message());
        }
    }

    // ---- properties ------------------------------------------------------------------------

    public ObservableList<Guest> guests() {
        return guests;
    }

    public ObservableList<Pool> pools() {
        return pools;
    }

    public ObservableList<Zvol> zvols() {
        return zvols;
    }

    public ObjectProperty<Guest> selectedProperty() {
        return selected;
    }

    public ObjectProperty<GuestDisk> selectedDiskProperty() {
        return selectedDisk;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty vboxUnavailableProperty() {
        return vboxUnavailable;
    }

    /** Why libvirt's guests are not listed; empty also on a host without libvirt (nothing to list there). */
    public StringProperty libvirtUnavailableProperty() {
        return libvirtUnavailable;
    }

    public StringProperty qemuUnavailableProperty() {
        return qemuUnavailable;
    }

    /** Why nothing could be read at all (no host, host unreachable); "" otherwise. */
    public StringProperty problemProperty() {
        return problem;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** 0..1, or -1 while the length is unknown. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** Where "Move to pool ▸" requests go; the lead wires the migration wizard here. */
    /** "Move to ▸ <another host>…" (null: no other hosts offered). */
    public ObjectProperty<dev.sluice.ui.migration.HostMoves> hostMovesProperty() {
        return hostMoves;
    }

    /** The other hosts a disk may move to (empty without {@link #hostMovesProperty()}). */
    public List<dev.sluice.ui.migration.MigrationTools.TargetHost> moveHosts() {
        var h = hostMoves.get();
        return h == null ? List.of() : h.hosts();
    }

    /** A disk to {@code pool} on {@code hostId} in one click, or the wizard on that host ({@code pool} null). */
    public void requestMoveToHost(Guest g, GuestDisk d, String hostId, String pool) {
        var h = hostMoves.get();
        if (h != null && d.zvol().isPresent() && d.pool().isPresent()) {
            DiskMoveRequest r = new DiskMoveRequest(g, d, d.zvol().get(), d.pool().get(), pool);
            if (pool == null) {
                h.moveDisk(r, hostId);
            } else {
                h.moveDisk(r, hostId, pool);
            }
        }
    }

    public ObjectProperty<Consumer<DiskMoveRequest>> moveHandlerProperty() {
        return moveHandler;
    }
}
