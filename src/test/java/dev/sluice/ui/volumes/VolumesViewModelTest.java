package dev.sluice.ui.volumes;

import static dev.sluice.ui.common.testing.ScriptedZfs.V21;
import static dev.sluice.ui.common.testing.ScriptedZfs.V23;
import static dev.sluice.ui.common.testing.ScriptedZfs.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.dialogs.Passphrase;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.common.testing.ScriptedZfs;
import dev.sluice.zfs.Property;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumesViewModelTest {
    private static final String SECRET = "correct horse battery";
    private final RecordingNotifications notes = new RecordingNotifications();

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ROOT);
    }

    private VolumesViewModel vm(ScriptedRunner host) {
        VolumesViewModel vm = new VolumesViewModel(new dev.sluice.zfs.ZfsService(host),
                new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        return vm;
    }

    /** The 2.3 demo host, where destroying the leaf zvol rpool/vboxzones/myclone takes only itself. */
    private VolumesViewModel vmWithLeafCloneToDestroy() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zfs", "destroy", "-nvp", "rpool/vboxzones/myclone")
                .stdout("destroy\trpool/vboxzones/myclone\nreclaim\t8192\n");
        VolumesViewModel vm = vm(host);
        return vm;
    }

    private static void select(VolumesViewModel vm, String name) {
        vm.selectedProperty().set(vm.find(name));
    }

    @Test
    void snippetsForOtherToolsUseTheRealZvolDeviceAndItsSize() {
        VolumesViewModel vm = vm(ScriptedZfs.host(V23));
        DatasetRow zvol = vm.find("rpool/vboxzones/myvbox");
        assertTrue(vm.libvirtDiskSnippet(zvol).contains("<source dev='/dev/zvol/rpool/vboxzones/myvbox'/>"), vm.libvirtDiskSnippet(zvol));
        assertTrue(vm.microVmSnippet(zvol).contains("size = " + zvol.dataset().volsize() / (1024 * 1024) + ";"), vm.microVmSnippet(zvol));
    }

    @ParameterizedTest
    @ValueSource(strings = {V23, V21})
    void listsFilesystemsAndVolumesButNotSnapshots(String version) {
        VolumesViewModel vm = vm(ScriptedZfs.host(version));
        List<String> names = vm.rows().stream().map(DatasetRow::name).toList();
        assertTrue(names.contains("rpool/vboxzones/myvbox"));
        assertTrue(names.contains("tank/secure-raw"));
        assertTrue(names.stream().noneMatch(n -> n.contains("@")), names.toString());
        DatasetRow myvbox = vm.find("rpool/vboxzones/myvbox");
        assertEquals("volume", myvbox.typeText());
        assertEquals(268435456, myvbox.dataset().volsize());
        assertEquals("aes-256-gcm, key not loaded", vm.find("tank/secure-raw").encryptionText());
        assertEquals("aes-256-gcm, key loaded", vm.find("rpool/secure").encryptionText());
        assertEquals("off", vm.find("tank").encryptionText());
    }

    @Test
    void filterKeepsMatchesAndTheirAncestors() {
        VolumesViewModel vm = vm(ScriptedZfs.host(V23));
        vm.filterProperty().set("MYVBOX");
        assertEquals(List.of("rpool", "rpool/vboxzones", "rpool/vboxzones/myvbox", "tank", "tank/backup",
                        "tank/backup/myvbox", "tank/replica", "tank/replica/myvbox", "tank/resume", "tank/resume/myvbox"),
                vm.visibleRows().stream().map(DatasetRow::name).toList());
        vm.filterProperty().set("");
        assertEquals(vm.rows().size(), vm.visibleRows().size());
    }

    @Test
    void selectionShowsAllPropertiesWithSource() {
        VolumesViewModel vm = vm(ScriptedZfs.host(V23));
        select(vm, "rpool/vboxzones/myvbox");
        assertEquals("Properties of rpool/vboxzones/myvbox", vm.propertiesTitleProperty().get());
        Property compression = vm.properties().stream().filter(p -> p.name().equals("compression")).findFirst().orElseThrow();
        assertEquals("lz4", compression.value());
        assertEquals("inherited from rpool", compression.source());
        Property volsize = vm.properties().stream().filter(p -> p.name().equals("volsize")).findFirst().orElseThrow();
        assertEquals("268435456", volsize.value());
        assertEquals("local", volsize.source());
        assertTrue(vm.canResizeProperty().get());
        assertTrue(vm.canDestroyProperty().get());
        select(vm, "rpool");
        assertFalse(vm.canDestroyProperty().get(), "a pool's root dataset is destroyed with zpool destroy, not here");
        assertFalse(vm.canResizeProperty().get());
    }

    // ---- create zvol ---------------------------------------------------------------------

    @Test
    void createFormNamesTheProblemWithABadNameAndABadSize() {
        VolumesViewModel vm = vm(ScriptedZfs.host(V23));
        select(vm, "rpool/vboxzones");
        CreateZvolForm form = vm.newZvolForm();
        assertEquals("rpool/vboxzones", form.parentProperty().get());

        form.nameProperty().set("vm*disk");
        assertFalse(form.nameVerdictProperty().get().ok());
        assertEquals("The dataset name 'rpool/vboxzones/vm*disk' contains '*', which ZFS does not allow. "
                + "Use only letters, digits, '_', '-', '.', ':' and space.", form.nameVerdictProperty().get().message());
        form.nameProperty().set("myvbox");
        assertEquals("rpool/vboxzones/myvbox already exists. Choose another name.", form.nameVerdictProperty().get().message());
        form.nameProperty().set("a/b");
        assertTrue(form.nameVerdictProperty().get().message().contains("choose the parent above"));
        form.nameProperty().set("vm1");
        assertTrue(form.nameVerdictProperty().get().ok());

        form.sizeProperty().set("10X");
        assertFalse(form.sizeVerdictProperty().get().ok());
        assertTrue(form.sizeVerdictProperty().get().message().contains("unknown unit 'X'"), form.sizeVerdictProperty().get().message());
        form.sizeProperty().set("");
        assertTrue(form.sizeVerdictProperty().get().message().startsWith("No size given"));
        form.sizeProperty().set("1000");
        assertTrue(form.sizeVerdictProperty().get().message().contains("multiple of its block size"),
                form.sizeVerdictProperty().get().message());
        assertFalse(form.validProperty().get());
        form.sizeProperty().set("10G");
        assertTrue(form.sizeVerdictProperty().get().ok());
        assertEquals("= 10.0 GiB, thin: nothing reserved now", form.sizeVerdictProperty().get().message());
        assertTrue(form.validProperty().get());

        form.thinProperty().set(false);
        assertFalse(form.sizeVerdictProperty().get().ok(), "thick 10G does not fit in ~498 MiB");
        assertTrue(form.sizeVerdictProperty().get().message().contains("free in rpool/vboxzones"));
    }

    @Test
    void createUnderALockedParentIsRefusedBeforeAnythingRuns() {
        VolumesViewModel vm = vm(ScriptedZfs.host(V23));
        CreateZvolForm form = vm.newZvolForm();
        form.parentProperty().set("tank/secure-raw");
        form.nameProperty().set("vm2");
        form.sizeProperty().set("1G");
        assertFalse(form.validProperty().get());
        assertEquals("The parent is locked: the key of tank/secure-raw is not loaded. Load it first "
                + "(select tank/secure-raw, Load key), or choose another parent.", form.nameVerdictProperty().get().message());
    }

    @Test
    void createsAPlainDatasetAsAParentForZvolsWithSpacesInItsName() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.onPrefix("zfs", "create").ok();
        VolumesViewModel vm = vm(host);
        select(vm, "rpool/vboxzones/myvbox");
        assertEquals("rpool/vboxzones/", vm.newDatasetProposal(), "a zvol selected: a sibling under its parent");
        assertEquals("'rpool/vboxzones/' ends with '/'. Remove the trailing slash.", vm.checkNewDataset("rpool/vboxzones/").message());
        assertEquals("rpool/vboxzones already exists. Choose another name.", vm.checkNewDataset("rpool/vboxzones").message());
        assertEquals("rpool/nope does not exist. Create it first, or choose an existing parent.",
                vm.checkNewDataset("rpool/nope/vm").message());
        assertEquals("rpool/vboxzones/myvbox is a zvol, and a zvol cannot hold datasets. Choose a filesystem as the parent.",
                vm.checkNewDataset("rpool/vboxzones/myvbox/x").message());
        assertTrue(vm.checkNewDataset("rpool/vm disks").ok());

        ConfirmableAction a = vm.createDataset("rpool/vm disks").orElseThrow();
        assertEquals("zfs create 'rpool/vm disks'", a.plan().shellText());
        vm.perform(a);
        assertTrue(host.ranArgv().contains(List.of("zfs", "create", "rpool/vm disks")));
        assertEquals(new RecordingNotifications.Note(Notifications.Kind.SUCCESS, "Dataset rpool/vm disks created."), notes.last());
    }

    @Test
    void createThinZvolRunsTheCommandItShowed() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.onPrefix("zfs", "create").ok();
        VolumesViewModel vm = vm(host);
        CreateZvolForm form = vm.newZvolForm();
        form.parentProperty().set("rpool/vboxzones");
        form.nameProperty().set("vm1");
        form.sizeProperty().set("10G");
        form.blockSizeProperty().set(65536L);

        ConfirmableAction a = vm.createZvol(form, null).orElseThrow();
        assertEquals("zfs create -s -V 10737418240 -b 65536 rpool/vboxzones/vm1", a.plan().shellText());
        vm.perform(a);

        assertTrue(host.ranArgv().contains(List.of("zfs", "create", "-s", "-V", "10737418240", "-b", "65536", "rpool/vboxzones/vm1")));
        assertEquals(new RecordingNotifications.Note(Notifications.Kind.SUCCESS, "Zvol rpool/vboxzones/vm1 created."), notes.last());
        assertEquals(ScriptedZfs.datasetsCommand().argv(), host.ranArgv().get(host.ranArgv().size() - 1), "refreshed");
    }

    @Test
    void createEncryptedZvolPassesThePassphraseOnStdinOnlyAndWipesIt() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.onPrefix("zfs", "create").ok();
        List<CommandJournal.Entry> journal = new ArrayList<>();
        host.journal().addListener(journal::add);
        VolumesViewModel vm = vm(host);
        CreateZvolForm form = vm.newZvolForm();
        form.parentProperty().set("tank");
        form.nameProperty().set("vault");
        form.sizeProperty().set("512M");
        form.encryptionProperty().set(CreateZvolForm.Encryption.NEW_PASSPHRASE);
        Passphrase pass = Passphrase.of(SECRET.toCharArray());

        ConfirmableAction a = vm.createZvol(form, pass).orElseThrow();
        assertEquals("zfs create -s -V 536870912 -o encryption=on -o keyformat=passphrase -o keylocation=prompt tank/vault"
                + "    # reads the passphrase from stdin", a.plan().shellText());
        vm.perform(a);

        Command ran = host.ran().stream().filter(c -> c.argv().contains("create")).findFirst().orElseThrow();
        assertTrue(ran.stdinSecret());
        assertTrue(allZero(ran.stdin()), "stdin wiped after the run");
        assertTrue(pass.isWiped());
        for (Command c : host.ran()) {
            assertFalse(c.toString().contains(SECRET));
            assertFalse(String.join(" ", c.argv()).contains(SECRET));
        }
        journal.forEach(e -> assertFalse(e.toString().contains(SECRET)));
        notes.all().forEach(n -> assertFalse(n.text().contains(SECRET)));
    }

    @Test
    void decliningAnEncryptedCreateStillWipesThePassphrase() {
        VolumesViewModel vm = vm(ScriptedZfs.host(V23));
        CreateZvolForm form = vm.newZvolForm();
        form.parentProperty().set("tank");
        form.nameProperty().set("vault");
        form.sizeProperty().set("1G");
        form.encryptionProperty().set(CreateZvolForm.Encryption.NEW_PASSPHRASE);
        Passphrase pass = Passphrase.of(SECRET.toCharArray());
        ConfirmableAction a = vm.createZvol(form, pass).orElseThrow();
        byte[] stdin = a.plan().commands().get(0).stdin();
        assertEquals(SECRET, new String(stdin, StandardCharsets.UTF_8));
        a.decline();
        assertTrue(pass.isWiped());
        assertTrue(allZero(stdin));
    }

    @Test
    void createFailureShowsZfsReasonAsATypedMessage() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.onPrefix("zfs", "create").fail(1, fixture(V23, "zfs-create-V-bad-size.txt"));
        VolumesViewModel vm = vm(host);
        CreateZvolForm form = vm.newZvolForm();
        form.parentProperty().set("rpool/vboxzones");
        form.nameProperty().set("huge");
        form.sizeProperty().set("1000T");
        vm.perform(vm.createZvol(form, null).orElseThrow());
        String msg = notes.errors().get(0);
        assertTrue(msg.toLowerCase(Locale.ROOT).contains("out of space") || msg.toLowerCase(Locale.ROOT).contains("space"), msg);
        assertFalse(msg.contains("Exception"), msg);
    }

    // ---- resize ------------------------------------------------------------------------------

    @Test
    void growIsAPlainPlanAndShrinkNeedsTheExplicitAcknowledgement() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.onPrefix("zfs", "set").ok();
        VolumesViewModel vm = vm(host);
        DatasetRow myvbox = vm.find("rpool/vboxzones/myvbox");

        assertEquals("Grows by 256.0 MiB to 512.0 MiB.", vm.checkResize(myvbox, "512M").message());
        ConfirmableAction grow = vm.resize(myvbox, "512M").orElseThrow();
        assertFalse(grow.plan().destructive());
        assertNull(grow.plan().acknowledgement());
        assertEquals("zfs set volsize=536870912 rpool/vboxzones/myvbox", grow.plan().shellText());

        assertEquals("Shrinks by 128.0 MiB: data past the new end is lost.", vm.checkResize(myvbox, "128M").message());
        ConfirmableAction shrink = vm.resize(myvbox, "128M").orElseThrow();
        assertTrue(shrink.plan().destructive());
        assertEquals("I understand that the last 128.0 MiB of this volume are lost.", shrink.plan().acknowledgement());
        assertEquals(List.of("volsize 256.0 MiB → 128.0 MiB"), shrink.plan().details());

        vm.perform(shrink);
        assertTrue(host.ranArgv().contains(List.of("zfs", "set", "volsize=134217728", "rpool/vboxzones/myvbox")));
        assertEquals("rpool/vboxzones/myvbox is now 128.0 MiB.", notes.last().text());
    }

    @Test
    void resizeRefusesTheSameSizeAndSizesOffTheBlockGrid() {
        VolumesViewModel vm = vm(ScriptedZfs.host(V23));
        DatasetRow myvbox = vm.find("rpool/vboxzones/myvbox");
        assertEquals("That is the current size (256.0 MiB). Enter a different size.", vm.checkResize(myvbox, "256M").message());
        assertTrue(vm.checkResize(myvbox, "300000").message().contains("multiple of its block size"));
        assertTrue(vm.resize(myvbox, "12Q").isEmpty());
        assertTrue(notes.errors().get(0).contains("unknown unit"));
    }

    // ---- destroy -----------------------------------------------------------------------------

    @Test
    void destroyPreviewListsEverythingThatGoesWithMinusR() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        // zfs refuses a plain destroy (and its dry run) of a filesystem with children
        host.on("zfs", "destroy", "-nvp", "tank/backup").fail(1, "cannot destroy 'tank/backup': filesystem has children\n"
                + "use '-r' to destroy the following datasets:\ntank/backup/myvbox@first\ntank/backup/myvbox@second\n"
                + "tank/backup/myvbox@local-extra\ntank/backup/myvbox\n");
        host.on("zfs", "destroy", "-nvp", "-r", "tank/backup").stdout(fixture(V23, "zfs-destroy-nvp-recursive.txt"));
        host.on("zfs", "destroy", "-r", "tank/backup").ok();
        VolumesViewModel vm = vm(host);
        AtomicReference<ConfirmableAction> shown = new AtomicReference<>();

        vm.prepareDestroy(vm.find("tank/backup"), shown::set);

        ConfirmableAction a = shown.get();
        assertNotNull(a);
        assertTrue(a.plan().destructive());
        assertEquals("zfs destroy -r tank/backup", a.plan().shellText());
        assertEquals(List.of("tank/backup/myvbox@first", "tank/backup/myvbox@second", "tank/backup/myvbox@local-extra",
                "tank/backup/myvbox", "tank/backup"), a.plan().details());
        assertEquals("I have read the list: all 5 items are destroyed.", a.plan().acknowledgement());
        assertTrue(a.plan().sentence().contains("everything below it (5 items"));
        assertFalse(host.ranArgv().contains(List.of("zfs", "destroy", "-r", "tank/backup")), "nothing destroyed before confirming");

        vm.perform(a);
        assertTrue(host.ranArgv().contains(List.of("zfs", "destroy", "-r", "tank/backup")));
        assertEquals("tank/backup destroyed (5 items).", notes.last().text());
    }

    @Test
    void destroyTakingThePoweredOffVmsDiskNamesTheVmAndAsksForAcknowledgement() {
        VolumesViewModel vm = vmWithLeafCloneToDestroy();
        List<java.util.Collection<String>> asked = new java.util.ArrayList<>();
        vm.setDiskUsers(zvols -> {
            asked.add(List.copyOf(zvols));
            return List.of(new DiskUsers.User("web01", "rpool/vboxzones/myclone", false));
        });
        AtomicReference<ConfirmableAction> shown = new AtomicReference<>();
        vm.prepareDestroy(vm.find("rpool/vboxzones/myclone"), shown::set);
        assertEquals(List.of(List.of("rpool/vboxzones/myclone")), asked, "asked about every dataset that goes, snapshots aside");
        ConfirmableAction a = shown.get();
        assertTrue(a.plan().sentence().contains("Powered-off VMs have their disks here and will not start without them: "
                + "VM web01 (rpool/vboxzones/myclone)."), a.plan().sentence());
        assertEquals("I have read the list, and the disks of 1 VM(s) named above go with it.", a.plan().acknowledgement());
    }

    @Test
    void theUsedByColumnNamesEachZvolsVmsAfterARefresh() {
        VolumesViewModel vm = vmWithLeafCloneToDestroy();
        List<java.util.Collection<String>> asked = new java.util.ArrayList<>();
        vm.setDiskUsers(zvols -> {
            asked.add(List.copyOf(zvols));
            return List.of(new DiskUsers.User("web01", "rpool/vboxzones/myclone", true),
                    new DiskUsers.User("web 2", "rpool/vboxzones/myclone", false));
        });
        vm.refresh();
        assertTrue(asked.get(0).contains("rpool/vboxzones/myclone"), "every zvol is asked about at once: " + asked);
        assertTrue(asked.get(0).stream().allMatch(z -> vm.find(z).isVolume()), "filesystems are not asked about");
        assertEquals("web01 (running), web 2", vm.usedBy().get("rpool/vboxzones/myclone"));
        vm.setDiskUsers(zvols -> {
            throw new Exception("libvirt refused");
        });
        vm.refresh();
        assertTrue(vm.usedBy().isEmpty(), "an inventory that cannot be read claims nothing");
    }

    @Test
    void destroyTakingARunningVmsDiskIsRefusedWithTheVmAndWhatToDo() {
        VolumesViewModel vm = vmWithLeafCloneToDestroy();
        vm.setDiskUsers(zvols -> List.of(new DiskUsers.User("web01", "rpool/vboxzones/myclone", true)));
        AtomicReference<ConfirmableAction> shown = new AtomicReference<>();
        vm.prepareDestroy(vm.find("rpool/vboxzones/myclone"), shown::set);
        assertNull(shown.get(), "no destroy offered");
        assertEquals("Not destroyed: rpool/vboxzones/myclone holds the disk of a running VM: VM web01 (rpool/vboxzones/myclone). "
                + "Shut the VM down in the VMs view (or give it another disk), then destroy.", notes.last().text());
    }

    @Test
    void destroyOfALeafVolumeUsesNoFlagsAndShowsSpaceFreed() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zfs", "destroy", "-nvp", "rpool/vboxzones/myclone")
                .stdout("destroy\trpool/vboxzones/myclone\nreclaim\t8192\n");
        VolumesViewModel vm = vm(host);
        AtomicReference<ConfirmableAction> shown = new AtomicReference<>();
        vm.prepareDestroy(vm.find("rpool/vboxzones/myclone"), shown::set);
        assertEquals("zfs destroy rpool/vboxzones/myclone", shown.get().plan().shellText());
        assertEquals(List.of("rpool/vboxzones/myclone"), shown.get().plan().details());
        assertTrue(shown.get().plan().sentence().endsWith("About 8.0 KiB of space is freed."), shown.get().plan().sentence());
        assertNull(shown.get().plan().acknowledgement(), "one item: the danger-styled dialog is enough");
    }

    @Test
    void busyZvolShowsTheBusyMessage() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zfs", "destroy", "-nvp", "rpool/vboxzones/myclone").stdout("destroy\trpool/vboxzones/myclone\nreclaim\t8192\n");
        host.on("zfs", "destroy", "rpool/vboxzones/myclone").fail(1, fixture(V23, "zfs-destroy-busy-zvol.txt"));
        VolumesViewModel vm = vm(host);
        vm.prepareDestroy(vm.find("rpool/vboxzones/myclone"), vm::perform);
        String msg = notes.errors().get(0);
        assertTrue(msg.contains("rpool/vboxzones/myclone"), msg);
        assertTrue(msg.toLowerCase(Locale.ROOT).contains("busy") || msg.toLowerCase(Locale.ROOT).contains("in use"), msg);
        assertFalse(msg.contains("Exception"), msg);
    }

    @Test
    void previewFailureIsANotificationAndNothingIsOffered() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zfs", "destroy", "-nvp", "tank/backup").fail(1, fixture(V23, "nonroot-zfs-destroy.txt"));
        VolumesViewModel vm = vm(host);
        AtomicReference<ConfirmableAction> shown = new AtomicReference<>();
        vm.prepareDestroy(vm.find("tank/backup"), shown::set);
        assertNull(shown.get());
        assertTrue(notes.errors().get(0).toLowerCase(Locale.ROOT).contains("permission denied"), notes.errors().get(0));
        assertFalse(vm.busyProperty().get());
    }

    // ---- keys --------------------------------------------------------------------------------

    @Test
    void loadKeyWithAWrongPassphraseSaysSoAndNeverLeaksIt() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        // the capture was for rpool/secure; same text for the dataset whose key is not loaded here
        host.onPrefix("zfs", "load-key").fail(255, fixture(V23, "zfs-load-key-wrong-passphrase.txt")
                .replace("rpool/secure", "tank/secure-raw"));
        List<CommandJournal.Entry> journal = new ArrayList<>();
        host.journal().addListener(journal::add);
        VolumesViewModel vm = vm(host);
        DatasetRow raw = vm.find("tank/secure-raw");
        assertTrue(raw.canLoadKey());
        Passphrase pass = Passphrase.of("wrong passphrase".toCharArray());

        ConfirmableAction a = vm.loadKey(raw, pass).orElseThrow();
        assertEquals("zfs load-key -L prompt tank/secure-raw    # reads the passphrase from stdin", a.plan().shellText());
        vm.perform(a);

        String msg = notes.errors().get(0);
        assertTrue(msg.contains("tank/secure-raw") && msg.contains("is wrong. Type it again"), msg);
        assertFalse(msg.contains("wrong passphrase"), "the passphrase itself never shows: " + msg);
        assertTrue(pass.isWiped());
        journal.forEach(e -> assertFalse(e.toString().contains("wrong passphrase")));
    }

    @Test
    void unloadKeyOfAMountedFilesystemUnmountsFirst() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zfs", "unmount", "rpool/secure").ok();
        host.on("zfs", "unload-key", "rpool/secure").ok();
        VolumesViewModel vm = vm(host);
        DatasetRow secure = vm.find("rpool/secure");
        assertTrue(secure.canUnloadKey());
        assertFalse(secure.canLoadKey());
        ConfirmableAction a = vm.unloadKey(secure).orElseThrow();
        assertEquals("zfs unmount rpool/secure\nzfs unload-key rpool/secure", a.plan().shellText());
        vm.perform(a);
        assertEquals("Key of rpool/secure unloaded.", notes.last().text());
    }

    @Test
    void keyAlreadyLoadedIsATypedMessage() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.onPrefix("zfs", "load-key").fail(255, fixture(V23, "zfs-load-key-already-loaded.txt"));
        VolumesViewModel vm = vm(host);
        vm.perform(vm.loadKey(vm.find("tank/secure-raw"), Passphrase.of(SECRET.toCharArray())).orElseThrow());
        assertTrue(notes.errors().get(0).toLowerCase(Locale.ROOT).contains("already loaded"), notes.errors().get(0));
    }

    // ---- empty states ------------------------------------------------------------------------

    @Test
    void zfsNotInstalledShowsTheInstallHint() {
        ScriptedRunner host = new ScriptedRunner();
        host.notInstalled("zfs");
        VolumesViewModel vm = vm(host);
        assertEquals("ZFS is not installed on this host", vm.emptyTitleProperty().get());
        assertTrue(vm.emptyTextProperty().get().contains("apt install zfsutils-linux"));
    }

    @Test
    void noDatasetsSaysWhatToDo() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on(ScriptedZfs.argv(ScriptedZfs.datasetsCommand())).stdout("");
        VolumesViewModel vm = vm(host);
        assertEquals("No datasets on this host", vm.emptyTitleProperty().get());
        assertTrue(vm.emptyCommandProperty().get().startsWith("zpool create"));
        assertFalse(vm.canCreateProperty().get());
    }

    /** Issue 11 item 9: with the host gone, a destroy asked for an old row says so and leaves the view usable, not busy. */
    @Test
    void withoutAHostNothingStaysBusy() {
        javafx.beans.property.ObjectProperty<dev.sluice.host.CommandRunner> runner = new javafx.beans.property.SimpleObjectProperty<>();
        VolumesViewModel vm = new VolumesViewModel(runner, new ActionRunner(TaskExecutor.direct(), notes));
        runner.set(ScriptedZfs.host(V23));
        select(vm, "rpool/vboxzones/myvbox");
        DatasetRow row = vm.selectedProperty().get();
        runner.set(null);
        vm.prepareDestroy(row, a -> { throw new AssertionError("nothing to destroy without a host"); });
        assertFalse(vm.busyProperty().get(), "busy forever: every button stayed disabled");
        assertEquals("Choose a host in the header, or add one, to see its pools and volumes.", notes.last().text());
    }

    @Test
    void followsTheSelectedHost() {
        javafx.beans.property.ObjectProperty<dev.sluice.host.CommandRunner> runner = new javafx.beans.property.SimpleObjectProperty<>();
        VolumesViewModel vm = new VolumesViewModel(runner, new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        assertEquals("Not connected to a host", vm.emptyTitleProperty().get());
        runner.set(ScriptedZfs.host(V23));
        select(vm, "rpool/vboxzones/myvbox");
        assertFalse(vm.properties().isEmpty());
        runner.set(ScriptedZfs.host(V21));
        assertNull(vm.selectedProperty().get(), "another host: the old selection means nothing there");
        assertTrue(vm.rows().stream().anyMatch(r -> r.name().equals("tank/secure-raw")));
        assertEquals("", vm.emptyTitleProperty().get());
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
