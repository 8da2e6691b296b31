package dev.sluice.ui.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.GuestHosts;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.testing.Fixtures;
import dev.sluice.qemu.ImageFormat;
import dev.sluice.qemu.LibraryImage;
import dev.sluice.qemu.Preallocation;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.vms.GuestTestHost;
import dev.sluice.zfs.Zvol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Images ViewModel against a scripted host answering qemu-img's JSON, synchronously. */
class ImagesViewModelTest {
    @TempDir
    Path tmp;
    private GuestTestHost t;
    private RecordingNotifications notes;
    private ImagesViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        I18n.setLocale(Locale.ROOT);
        t = new GuestTestHost(tmp);
        t.guests.library().addFolder(GuestTestHost.LIBRARY);
        notes = new RecordingNotifications();
        vm = viewModel(TaskExecutor.direct());
        vm.refresh();
    }

    private ImagesViewModel viewModel(TaskExecutor executor) {
        return new ImagesViewModel(new SimpleObjectProperty<>(t.host), GuestHosts.fixed(t.guests), new ActionRunner(executor, notes));
    }

    private LibraryImage image(String name) {
        return vm.find(GuestTestHost.LIBRARY + "/" + name);
    }

    @Test
    void listsTheLibraryWithQemuImgInfo() {
        assertEquals(List.of(GuestTestHost.LIBRARY), vm.folders());
        assertEquals(List.of("build-runner.qcow2", "debian-12-generic-amd64.qcow2", "k8s-golden.qcow2", "k8s-node4-overlay.qcow2",
                "legacy-appliance.vmdk", "pfsense-2.7.2.img", "win11-base.qcow2"), vm.images().stream().map(LibraryImage::name).toList());
        LibraryImage overlay = image("k8s-node4-overlay.qcow2");
        assertEquals("→ k8s-golden.qcow2 (qcow2)", ImageText.backing(overlay));
        assertEquals(32 * GuestTestHost.G, overlay.info().orElseThrow().virtualSize());
        assertEquals("2: pre-kubeadm, v1.30-ready", ImageText.snapshots(image("k8s-golden.qcow2")));
        assertEquals("dirty: not closed cleanly; run qemu-img check", ImageText.status(image("win11-base.qcow2")));
        assertEquals("ok", ImageText.status(image("pfsense-2.7.2.img")));
        assertEquals("The image /srv/images/build-runner.qcow2 is in use by another process (a running VM holds its write lock). "
                + "Stop the VM that uses it, then try again.", ImageText.status(image("build-runner.qcow2")));
    }

    @Test
    void foldersMustBeAbsoluteAndNew() {
        assertEquals("Enter an absolute path on the host, such as /srv/images.", vm.checkFolder("srv/iso").message());
        assertEquals("/srv/images is already in the library.", vm.checkFolder("/srv/images").message());
        vm.addFolder("relative");
        assertEquals("Enter an absolute path on the host, such as /srv/images.", notes.last().text());
        t.host.onPrefix("find", "/srv/iso").stdout("");
        vm.addFolder("/srv/iso/");
        assertEquals(List.of("/srv/images", "/srv/iso"), vm.folders());
        vm.removeFolder("/srv/iso");
        assertEquals(List.of("/srv/images"), vm.folders());
        assertEquals("/srv/iso removed from the library (its files were not touched).", notes.last().text());
    }

    @Test
    void createIsSparseByDefaultAndPreallocatesOnRequest() {
        assertEquals("Enter a plain file name (no '/', not starting with '.' or '-').", vm.checkFileName("../x.qcow2").message());
        assertEquals("= 20.0 GiB", vm.checkSize("20G").message());
        assertFalse(vm.checkSize("twenty").ok());
        ConfirmableAction sparse = vm.prepareCreate("/srv/images", "web.qcow2", ImageFormat.QCOW2, "20G", Preallocation.OFF, false);
        assertEquals(staged("/srv/images", "web.qcow2", "qemu-img create -f qcow2 /srv/images/.sluice-new-S/web.qcow2 21474836480"),
                stage(sparse.plan().shellText()));
        assertEquals("Creates /srv/images/web.qcow2, 20.0 GiB, sparse.", sparse.plan().sentence());
        ConfirmableAction full = vm.prepareCreate("/srv/images", "web.img", ImageFormat.RAW, "1G", Preallocation.FALLOC, false);
        assertEquals(staged("/srv/images", "web.img", "qemu-img create -f raw -o preallocation=falloc /srv/images/.sluice-new-S/web.img 1073741824"),
                stage(full.plan().shellText()));
        t.host.onPrefix("qemu-img", "create").ok();
        vm.run(sparse);
        assertEquals("/srv/images/web.qcow2 created.", notes.last().text());
    }

    @Test
    void growingIsPlainShrinkingMustBeAcknowledgedAndQemuImgRefusalIsExplained() {
        LibraryImage deb = image("debian-12-generic-amd64.qcow2");
        ConfirmableAction grow = vm.prepareResize(deb, "8G");
        assertFalse(grow.plan().destructive());
        assertEquals("qemu-img resize -f qcow2 " + deb.path() + " 8589934592", grow.plan().shellText());
        ConfirmableAction shrink = vm.prepareResize(deb, "1G");
        assertTrue(shrink.plan().destructive());
        assertEquals("qemu-img resize -f qcow2 --shrink " + deb.path() + " 1073741824", shrink.plan().shellText());
        assertEquals("I have shrunk the partitions and file systems inside the guest first.", shrink.plan().acknowledgement());
        assertEquals(List.of("The last 1.0 GiB of the disk are lost."), shrink.plan().details());
        t.host.onPrefix("qemu-img", "resize").fail(1, Fixtures.read("qemu/qemu-img-resize-locked.stderr"));
        vm.run(grow);
        assertEquals(Notifications.Kind.ERROR, notes.last().kind());
        assertEquals("The image " + deb.path() + " is in use by another process (a running VM holds its write lock). "
                + "Stop the VM that uses it, then try again.", notes.last().text());
    }

    @Test
    void convertShowsPercentSpeedAndEta() {
        LibraryImage legacy = image("legacy-appliance.vmdk");
        ConfirmableAction c = vm.prepareConvert(legacy, "legacy-appliance.qcow2", ImageFormat.QCOW2, false);
        assertEquals(staged("/srv/images", "legacy-appliance.qcow2",
                "qemu-img convert -p -f vmdk -O qcow2 /srv/images/legacy-appliance.vmdk /srv/images/.sluice-new-S/legacy-appliance.qcow2"),
                stage(c.plan().shellText()));
        t.host.onPrefix("qemu-img", "convert").stdout("    (0.00/100%)\r    (25.00/100%)\r    (50.00/100%)\r    (100.00/100%)\r\n");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        vm.progressTextProperty().addListener((o, was, now) -> seen.add(now));
        vm.run(c);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("Convert legacy-appliance.vmdk: 50 % · ") && s.contains("/s · ")), seen.toString());
        assertEquals("/srv/images/legacy-appliance.qcow2 written.", notes.last().text());
        assertEquals("", vm.progressTextProperty().get());
    }

    @Test
    void aRunningConvertCanBeCancelled() throws Exception {
        TaskExecutor threads = new TaskExecutor() {
            @Override
            public void background(Runnable work) {
                Thread th = new Thread(work, "test-task");
                th.setDaemon(true);
                th.start();
            }

            @Override
            public void ui(Runnable callback) {
                callback.run();
            }
        };
        vm = viewModel(threads);
        vm.refresh();
        waitFor(() -> !vm.images().isEmpty());
        t.host.onPrefix("qemu-img", "convert").hangs();
        vm.run(vm.prepareConvert(image("pfsense-2.7.2.img"), "pfsense.qcow2", ImageFormat.QCOW2, false));
        waitFor(() -> t.host.ranArgv().stream().anyMatch(a -> a.contains("convert")));
        assertTrue(vm.copyingProperty().get());
        vm.cancel();
        waitFor(() -> !vm.copyingProperty().get());
        assertTrue(notes.all().stream().anyMatch(n -> n.text().equals("Convert pfsense-2.7.2.img: cancelled.")), notes.all().toString());
    }

    /** The plan of a new image: its stage made, qemu-img writing there, the exclusive link, the stage removed. */
    private static String staged(String folder, String name, String qemuImg) {
        String st = folder + "/.sluice-new-S";
        return String.join("\n", "mkdir -m 0700 -- " + st, qemuImg, "ln -T -- " + st + "/" + name + " " + folder + "/" + name,
                "rm -f -- " + st + "/" + name, "rmdir -- " + st);
    }

    private static String stage(String shellText) {
        return shellText.replaceAll("\\.sluice-new-[0-9a-f]{12}", ".sluice-new-S");
    }

    /** Issue 11 item 9: Import needs ZFS; when it cannot be read the user sees why, not an empty choice. */
    @Test
    void importShowsTheZfsErrorInsteadOfNothing() {
        assertTrue(vm.checkZfs());
        t.host.onPrefix("zfs").fail(1, "The ZFS modules cannot be auto-loaded.\nTry running '/sbin/modprobe zfs' as root to manually load them.\n");
        vm.refresh();
        assertFalse(vm.images().isEmpty(), "the library still lists");
        assertFalse(vm.checkZfs());
        assertEquals(Notifications.Kind.ERROR, notes.last().kind());
        assertTrue(notes.last().text().startsWith("ZFS could not be read on this host, so there are no zvols or pools to offer: "),
                notes.last().text());
    }

    /** Replacing is an explicit choice: the plan is destructive, names the file, needs a tick, and renames over it. */
    @Test
    void replacingAnExistingImageIsExplicitAndNamesTheFile() {
        ConfirmableAction keep = vm.prepareExport(vm.zvols().get(0), "/srv/images", "pfsense.vmdk", ImageFormat.VMDK, false);
        assertFalse(keep.plan().destructive());
        ConfirmableAction replace = vm.prepareExport(vm.zvols().get(0), "/srv/images", "pfsense.vmdk", ImageFormat.VMDK, true);
        assertTrue(replace.plan().destructive());
        assertEquals(List.of("The existing /srv/images/pfsense.vmdk is replaced by the new image (a symbolic link there is replaced "
                + "itself, never the file it points at)."), replace.plan().details());
        assertEquals("Replace /srv/images/pfsense.vmdk", replace.plan().acknowledgement());
        assertTrue(stage(replace.plan().shellText()).contains("\nmv -f -T -- /srv/images/.sluice-new-S/pfsense.vmdk /srv/images/pfsense.vmdk\n"),
                replace.plan().shellText());
    }

    /** The lstat finds the name taken: nothing is written, and the message says how to go on. */
    @Test
    void aTakenNameStopsBeforeAnythingIsWritten() {
        t.host.on("stat", "-c", "%F", "--", "/srv/images/pfsense.vmdk").stdout("symbolic link\n");
        vm.run(vm.prepareExport(vm.zvols().get(0), "/srv/images", "pfsense.vmdk", ImageFormat.VMDK, false));
        assertEquals("/srv/images/pfsense.vmdk already exists (a symbolic link). Sluice never overwrites a file: choose another name, "
                + "or tick \"Replace pfsense.vmdk\" to replace it.", notes.last().text());
        assertFalse(t.host.ranArgv().stream().anyMatch(a -> a.contains("convert") || a.get(0).equals("mkdir")), t.host.ranArgv().toString());
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void importCreatesAZvolOfTheVirtualSizeAndCopiesOntoIt() {
        LibraryImage deb = image("debian-12-generic-amd64.qcow2");
        assertEquals(2 * GuestTestHost.G, ImagesViewModel.zvolBytesFor(deb.info().orElseThrow()));
        assertEquals("A zvol lives inside a pool: enter pool/path/name, such as tank/vm/web-disk0.", vm.checkZvolName("tank").message());
        assertEquals("fast/vm/pfsense-disk0 already exists. Choose another name.", vm.checkZvolName("fast/vm/pfsense-disk0").message());
        assertTrue(vm.checkZvolName("fast/vm/debian-12").ok());
        AtomicReference<ConfirmableAction> a = new AtomicReference<>();
        vm.prepareImport(deb, "fast/vm/debian-12", a::set);
        assertEquals("zfs create -s -V 2147483648 fast/vm/debian-12\n"
                + "qemu-img convert -p -n --target-is-zero -f qcow2 -O raw " + deb.path() + " /dev/zvol/fast/vm/debian-12",
                a.get().plan().shellText());
        t.acceptCreates("fast/vm/pfsense-disk0");
        t.host.onPrefix("qemu-img", "convert", "-p", "-n").stdout("    (100.00/100%)\r\n");
        vm.run(a.get());
        assertEquals("debian-12-generic-amd64.qcow2 imported into fast/vm/debian-12.", notes.last().text());
        assertTrue(t.host.ranHostArgv().stream().anyMatch(x -> x.contains("--target-is-zero")));
    }

    @Test
    void importOfAnOddSizedImageRoundsTheZvolUp() {
        t.image("odd.raw", "raw", 1000 * 1000 * 1000L, 10, false, null, List.of());
        vm.refresh();
        assertEquals(1000013824L, ImagesViewModel.zvolBytesFor(image("odd.raw").info().orElseThrow()));
    }

    @Test
    void exportNamesTheZvolAndExplainsAPermissionProblem() {
        Zvol pf = vm.zvols().stream().filter(z -> z.name().equals("fast/vm/pfsense-disk0")).findFirst().orElseThrow();
        ConfirmableAction x = vm.prepareExport(pf, "/srv/images/", "pfsense.vmdk", ImageFormat.VMDK, false);
        assertEquals(staged("/srv/images", "pfsense.vmdk",
                "qemu-img convert -p -f raw -O vmdk /dev/zvol/fast/vm/pfsense-disk0 /srv/images/.sluice-new-S/pfsense.vmdk"),
                stage(x.plan().shellText()));
        t.host.onPrefix("qemu-img", "convert").fail(1, "qemu-img: Could not open '/dev/zvol/fast/vm/pfsense-disk0': Could not open "
                + "'/dev/zvol/fast/vm/pfsense-disk0': Permission denied\n");
        vm.run(x);
        assertEquals("Permission denied on /dev/zvol/fast/vm/pfsense-disk0. Give your user read/write access (for zvol devices: add it "
                + "to the `disk` group and log in again), or choose a privilege mode for this host.", notes.last().text());
    }

    @Test
    void messagesWithApostrophesKeepTheirArguments() {
        assertEquals("A new thin zvol of the image's virtual size (2.0 GiB) is created and the image copied onto it; zero areas are "
                + "skipped so the zvol stays thin.", I18n.t("images.import.explain", "2.0 GiB"));
    }

    @Test
    void etaReadsLikeAClock() {
        assertEquals("42 s", ImagesViewModel.eta(Duration.ofSeconds(42)));
        assertEquals("3 min 05 s", ImagesViewModel.eta(Duration.ofSeconds(185)));
        assertEquals("2 h 01 min", ImagesViewModel.eta(Duration.ofSeconds(7260)));
        assertEquals("…", ImagesViewModel.eta(null));
    }

    @Test
    void anUnreadableHostShowsItsProblem() {
        ScriptedRunner broken = new ScriptedRunner();
        vm = new ImagesViewModel(new SimpleObjectProperty<>(broken), r -> {
            throw new IllegalStateException("The QEMU VM definition /x is damaged (bad JSON). Fix or remove the file.");
        }, new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        assertEquals("The QEMU VM definition /x is damaged (bad JSON). Fix or remove the file.", vm.problemProperty().get());
    }
}
