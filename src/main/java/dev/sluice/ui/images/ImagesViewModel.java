package dev.sluice.ui.images;

import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.host.Command;
import dev.sluice.host.CommandRunner;
import dev.sluice.qemu.ImageFormat;
import dev.sluice.qemu.ImageInfo;
import dev.sluice.qemu.ImageTarget;
import dev.sluice.qemu.LibraryImage;
import dev.sluice.qemu.Preallocation;
import dev.sluice.qemu.QemuImg;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.Progress;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.ui.common.dialogs.CommandPlan;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.dialogs.Verdict;
import dev.sluice.zfs.InvalidSizeException;
import dev.sluice.zfs.ZfsNames;
import dev.sluice.zfs.ZfsSizes;
import dev.sluice.zfs.Zvol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * State of the Images view: the library folders of the selected host, their images with
 * qemu-img's info, and the actions (create, resize, convert, import into a new zvol, export a
 * zvol), each prepared as a {@link ConfirmableAction} showing the exact commands. Long copies
 * report progress with speed and ETA and can be cancelled. No Nodes.
 */
public final class ImagesViewModel {
    /** New zvols for imports: a multiple of 16K fits every volblocksize default (8K before 2.2, 16K since). */
    static final long ZVOL_ALIGN = 16 * 1024;

    private final ObservableValue<CommandRunner> runner;
    private final GuestHosts hosts;
    private final ActionRunner actions;
    private final ObservableList<String> folders = FXCollections.observableArrayList();
    private final ObservableList<LibraryImage> images = FXCollections.observableArrayList();
    private final ObservableList<Zvol> zvols = FXCollections.observableArrayList();
    private final ObjectProperty<LibraryImage> selected = new SimpleObjectProperty<>(this, "selected");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty copying = new SimpleBooleanProperty(this, "copying");
    private final StringProperty problem = new SimpleStringProperty(this, "problem", "");
    private final StringProperty progressText = new SimpleStringProperty(this, "progressText", "");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private volatile GuestHost host;
    private volatile String zfsProblem = "";
    private BackgroundTask<?>.Handle running;
    private long refreshes;

    public ImagesViewModel(ObservableValue<CommandRunner> runner, GuestHosts hosts, ActionRunner actions) {
        this.runner = runner;
        this.hosts = hosts;
        this.actions = actions;
        runner.addListener((o, was, now) -> {
            host = null;
            folders.clear();
            images.clear();
            refresh();
        });
    }

    public void refresh() {
        CommandRunner r = runner.getValue();
        if (r == null) {
            problem.set(I18n.t("images.noHost"));
            return;
        }
        long token = ++refreshes;
        busy.set(true);
        record Read(List<String> folders, List<LibraryImage> images, List<Zvol> zvols, String zfsProblem) {
        }
        BackgroundTask.of(I18n.t("images.task.read"), ctx -> {
            GuestHost h = hosts.open(r);
            host = h;
            List<Zvol> z = List.of();
            String zfsProblem = "";
            try {
                z = h.zfs().zvols();
            } catch (Exception noZfs) {
                zfsProblem = UserMessages.of(noZfs); // the library works without ZFS; import and export say why they cannot
            }
            return new Read(h.library().folders(), h.library().list(), z, zfsProblem);
        })
                .onSuccess(read -> {
                    if (token == refreshes) {
                        String keep = selected.get() == null ? null : selected.get().path();
                        folders.setAll(read.folders());
                        images.setAll(read.images());
                        zvols.setAll(read.zvols());
                        zfsProblem = read.zfsProblem();
                        problem.set("");
                        selected.set(keep == null ? null : find(keep));
                    }
                })
                .onFailure(e -> {
                    if (token == refreshes) {
                        images.clear();
                        problem.set(UserMessages.of(e));
                    }
                })
                .onFinally(() -> busy.set(false))
                .executeWith(actions.executor());
    }

    /** Before import or export: false, with the error shown, when ZFS could not be read (not an empty zvol list). */
    public boolean checkZfs() {
        String p = zfsProblem;
        if (p != null && !p.isEmpty()) {
            actions.notifications().error(I18n.t("common.zfsUnavailable", p));
            return false;
        }
        return true;
    }

    public LibraryImage find(String path) {
        return images.stream().filter(i -> i.path().equals(path)).findFirst().orElse(null);
    }

    private GuestHost host() {
        GuestHost h = host;
        if (h == null) {
            throw new IllegalStateException("refresh first: no host is open");
        }
        return h;
    }

    // ---- folders ---------------------------------------------------------------------------

    public Verdict checkFolder(String folder) {
        String f = folder == null ? "" : folder.strip();
        if (!f.startsWith("/")) {
            return Verdict.problem(I18n.t("images.folder.absolute"));
        }
        if (folders.contains(f.replaceAll("/+$", ""))) {
            return Verdict.problem(I18n.t("images.folder.already", f));
        }
        return Verdict.ok("");
    }

    public void addFolder(String folder) {
        Verdict v = checkFolder(folder);
        if (!v.ok()) {
            actions.notifications().error(v.message());
            return;
        }
        host().library().addFolder(folder.strip());
        refresh();
    }

    public void removeFolder(String folder) {
        host().library().removeFolder(folder);
        actions.notifications().info(I18n.t("images.folder.removed", folder));
        refresh();
    }

    // ---- checks ----------------------------------------------------------------------------

    public Verdict checkFileName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.contains("/") || n.startsWith(".") || n.startsWith("-")) {
            return Verdict.problem(I18n.t("images.name.invalid"));
        }
        return Verdict.ok("");
    }

    public Verdict checkSize(String size) {
        try {
            long b = ZfsSizes.parse(size == null ? "" : size.strip());
            return b <= 0 ? Verdict.problem(I18n.t("images.size.zero")) : Verdict.ok("= " + Sizes.human(b));
        } catch (InvalidSizeException e) {
            return Verdict.problem(e.getMessage());
        }
    }

    public Verdict checkZvolName(String name) {
        String n = name == null ? "" : name.strip();
        String p = ZfsNames.problem(n);
        if (p != null) {
            return Verdict.problem(p);
        }
        if (!n.contains("/")) {
            return Verdict.problem(I18n.t("images.import.inPool"));
        }
        if (zvols.stream().anyMatch(z -> z.name().equals(n))) {
            return Verdict.problem(I18n.t("images.import.exists", n));
        }
        return Verdict.ok("");
    }

    /** The new zvol's size for an import: the image's virtual size, rounded up to a whole volume block. */
    public static long zvolBytesFor(ImageInfo info) {
        long v = info.virtualSize();
        return (v + ZVOL_ALIGN - 1) / ZVOL_ALIGN * ZVOL_ALIGN;
    }

    private static long bytes(String size) {
        try {
            return ZfsSizes.parse(size.strip());
        } catch (InvalidSizeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // ---- actions ---------------------------------------------------------------------------

    /**
     * A new image never lands on an existing file (see {@link ImageTarget}); {@code replace}: the
     * user ticked "Replace" for that very name, and the confirmation names the file that goes.
     */
    public ConfirmableAction prepareCreate(String folder, String fileName, ImageFormat format, String size, Preallocation prealloc,
            boolean replace) {
        ImageTarget target = ImageTarget.in(folder, fileName.strip(), replace);
        String path = target.path();
        long b = bytes(size);
        QemuImg q = host().qemuImg();
        CommandPlan plan = newFilePlan(I18n.t("images.create.title"),
                I18n.t("images.create.sentence." + prealloc.name().toLowerCase(java.util.Locale.ROOT), path, Sizes.human(b)),
                QemuImg.createCommands(target, format, b, prealloc), target);
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("images.confirm.create")), ctx -> {
            q.create(target, format, b, prealloc);
            return null;
        }, I18n.t("images.create.done", path));
    }

    /** Writing a new file is plain; replacing one is destructive and says which file goes. */
    private static CommandPlan newFilePlan(String title, String sentence, List<Command> commands, ImageTarget target) {
        if (!target.replace()) {
            return CommandPlan.of(title, sentence, commands);
        }
        return CommandPlan.destructive(title, sentence, commands, List.of(I18n.t("images.replace.whatGoes", target.path())))
                .withAcknowledgement(I18n.t("images.replace.ack", target.path()));
    }

    public ConfirmableAction prepareResize(LibraryImage image, String size) {
        ImageInfo info = image.info().orElseThrow();
        long b = bytes(size);
        boolean shrink = b < info.virtualSize();
        ImageFormat f = info.knownFormat().orElse(ImageFormat.RAW);
        QemuImg q = host().qemuImg();
        List<Command> cmds = List.of(QemuImg.resizeCommand(image.path(), f, b, shrink));
        String title = I18n.t("images.resize.title", image.name());
        CommandPlan plan = shrink
                ? CommandPlan.destructive(title, I18n.t("images.resize.shrink", image.name(), Sizes.human(info.virtualSize()), Sizes.human(b)),
                        cmds, List.of(I18n.t("images.resize.lost", Sizes.human(info.virtualSize() - b))))
                        .withAcknowledgement(I18n.t("images.resize.ack"))
                : CommandPlan.of(title, I18n.t("images.resize.grow", image.name(), Sizes.human(info.virtualSize()), Sizes.human(b)), cmds);
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("images.confirm.resize")), ctx -> {
            q.resize(image.path(), b, shrink);
            return null;
        }, I18n.t("images.resize.done", image.name(), Sizes.human(b)));
    }

    public ConfirmableAction prepareConvert(LibraryImage image, String targetName, ImageFormat format, boolean replace) {
        ImageInfo info = image.info().orElseThrow();
        ImageTarget target = ImageTarget.in(image.folder(), targetName.strip(), replace);
        QemuImg q = host().qemuImg();
        CommandPlan plan = newFilePlan(I18n.t("images.convert.title", image.name()),
                I18n.t("images.convert.sentence", image.name(), format.qemuName(), target.path(), Sizes.human(info.virtualSize())),
                QemuImg.convertCommands(image.path(), info.format(), target, format), target);
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("images.confirm.convert")), ctx -> {
            q.convert(image.path(), target, format, ctx);
            return null;
        }, I18n.t("images.convert.done", target.path()));
    }

    /** Creates the zvol (zfs create, shown as it will run) then copies the image onto it. */
    public void prepareImport(LibraryImage image, String zvolName, Consumer<ConfirmableAction> then) {
        ImageInfo info = image.info().orElseThrow();
        GuestHost h = host();
        String name = zvolName.strip();
        long size = zvolBytesFor(info);
        String device = h.zfs().os().zvolDevicePath(name);
        BackgroundTask.of(I18n.t("images.import.title", image.name()), ctx -> {
            var create = h.zfs().createZvolCommand(name, Long.toString(size), true, null, Map.of());
            CommandPlan plan = CommandPlan.of(I18n.t("images.import.title", image.name()),
                    I18n.t("images.import.sentence", image.name(), name, Sizes.human(size)),
                    List.of(create, QemuImg.importCommand(image.path(), info.format(), device, true)));
            return new ConfirmableAction(plan.withConfirmLabel(I18n.t("images.action.import")), c -> {
                c.message(I18n.t("images.import.creating", name));
                dev.sluice.zfs.Zvol z = h.zfs().createZvol(name, Long.toString(size), true, null, Map.of());
                h.qemuImg().importIntoZvol(image.path(), z.devicePath(), true, c);
                return null;
            }, I18n.t("images.import.done", image.name(), name));
        })
                .onSuccess(then::accept)
                .onFailure(e -> actions.notifications().error(UserMessages.of(e)))
                .executeWith(actions.executor());
    }

    public ConfirmableAction prepareExport(Zvol zvol, String folder, String fileName, ImageFormat format, boolean replace) {
        ImageTarget target = ImageTarget.in(folder, fileName.strip(), replace);
        QemuImg q = host().qemuImg();
        CommandPlan plan = newFilePlan(I18n.t("images.export.title", zvol.name()),
                I18n.t("images.export.sentence", zvol.name(), format.qemuName(), target.path(), Sizes.human(zvol.volsize())),
                QemuImg.exportCommands(zvol.devicePath(), target, format), target);
        return new ConfirmableAction(plan.withConfirmLabel(I18n.t("images.action.export")), ctx -> {
            q.exportZvol(zvol.devicePath(), zvol.volsize(), target, format, ctx);
            return null;
        }, I18n.t("images.export.done", zvol.name(), target.path()));
    }

    /** Runs a confirmed action; copies show percent, speed and ETA, and {@link #cancel} stops them. */
    public void run(ConfirmableAction action) {
        busy.set(true);
        copying.set(true);
        progress.set(-1);
        progressText.set(action.plan().title());
        running = BackgroundTask.of(action.plan().title(), action.work())
                .onProgress(p -> showProgress(action.plan().title(), p))
                .onSuccess(v -> actions.notifications().success(action.successMessage()))
                .onFailure(e -> actions.notifications().error(UserMessages.of(e)))
                .onCancelled(() -> actions.notifications().info(I18n.t("common.action.cancelled", action.plan().title())))
                .onFinally(() -> {
                    action.cleanup();
                    running = null;
                    copying.set(false);
                    busy.set(false);
                    progressText.set("");
                    progress.set(0);
                    refresh();
                })
                .executeWith(actions.executor());
    }

    public void cancel() {
        var r = running;
        if (r != null) {
            r.cancel();
        }
    }

    /** Shows a copy's progress: "Convert x: 42 % · 187.4 MiB/s · 1 min 03 s left". */
    public void showProgress(String title, Progress p) {
        progress.set(p.fraction());
        if (p.fraction() < 0) {
            progressText.set(p.message() == null ? title : p.message());
            return;
        }
        progressText.set(I18n.t("images.progress", title, Math.round(p.fraction() * 100), Sizes.human((long) p.perSecond()),
                eta(p.eta())));
    }

    static String eta(Duration d) {
        if (d == null) {
            return "…";
        }
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d h %02d min", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    }

    // ---- properties ------------------------------------------------------------------------

    public ObservableList<String> folders() {
        return folders;
    }

    public ObservableList<LibraryImage> images() {
        return images;
    }

    public ObservableList<Zvol> zvols() {
        return zvols;
    }

    public ObjectProperty<LibraryImage> selectedProperty() {
        return selected;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** A copy (convert, import, export) is running and can be cancelled. */
    public BooleanProperty copyingProperty() {
        return copying;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }
}
