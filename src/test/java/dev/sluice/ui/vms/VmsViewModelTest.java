package dev.sluice.ui.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.DiskMoveRequest;
import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestState;
import dev.sluice.guest.Hypervisor;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.vbox.VBoxService;
import dev.sluice.zfs.Zvol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VMs ViewModel against the fake VBoxManage and a scripted ZFS/QEMU host, synchronously. */
class VmsViewModelTest {
    @TempDir
    Path tmp;
    private GuestTestHost t;
    private RecordingNotifications notes;
    private VmsViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        I18n.setLocale(Locale.ROOT);
        t = new GuestTestHost(tmp);
        notes = new RecordingNotifications();
        vm = viewModel(t.guests);
        vm.refresh();
    }

    private VmsViewModel viewModel(GuestHost h) {
        return new VmsViewModel(new SimpleObjectProperty<>(t.host), GuestHosts.fixed(h), new ActionRunner(TaskExecutor.direct(), notes));
    }

    private Guest guest(String name) {
        Guest g = vm.find(name);
        assertNotNull(g, name + " listed");
        return g;
    }

    private StartCheck startCheck(String name) {
        AtomicReference<StartCheck> c = new AtomicReference<>();
        vm.prepareStart(guest(name), c::set);
        assertNotNull(c.get(), "preflight answered");
        return c.get();
    }

    @Test
    void aLockedZvolIsNotAGoneOne() {
        // Linux removes a zvol's device node while its key is unloaded: that is a key to load, not a lost disk
        GuestDisk ledger = guest("ledger").disks().get(0);
        assertTrue(ledger.keyNotLoaded());
        assertFalse(ledger.deviceMissing());
        assertEquals("tank/secure", ledger.lockedKeyRoot());
        assertEquals("raw VMDK → zvol tank/secure/ledger-disk0 (key not loaded)", DiskText.backing(ledger));
        assertEquals("The raw VMDK /home/admin/VirtualBox VMs/ledger/ledger-disk0.vmdk points at /dev/zvol/tank/secure/ledger-disk0: "
                + "the zvol tank/secure/ledger-disk0 is encrypted and its key is not loaded, so Linux has removed the device until "
                + "then. Fix: load the key of tank/secure (Volumes → Load key).", DiskText.problem(ledger));
        GuestDisk moved = guest("old-win7").disks().get(0);
        assertTrue(moved.deviceMissing());
        assertFalse(moved.keyNotLoaded());
    }

    @Test
    void listsVirtualBoxAndQemuGuestsTogetherWithWhatBacksEachDisk() {
        assertEquals(List.of("debian12", "gitlab", "k8s-node1", "k8s-node2", "k8s-node3", "ledger", "nextcloud", "old-win7", "pfsense", "win11"),
                vm.guests().stream().map(Guest::name).toList());
        Guest win11 = guest("win11");
        assertEquals(Hypervisor.VIRTUALBOX, win11.hypervisor());
        assertEquals(GuestState.RUNNING, win11.state());
        GuestDisk d = win11.disks().get(0);
        assertEquals(GuestDisk.Kind.RAW_VMDK, d.kind());
        assertEquals("SATA Controller 0:0", d.slot());
        assertEquals("fast/vm/win11-disk0", d.zvol().orElseThrow());
        assertEquals("raw VMDK → zvol fast/vm/win11-disk0", DiskText.backing(d));
        assertFalse(d.deviceMissing());

        Guest debian = guest("debian12");
        assertEquals(Hypervisor.QEMU, debian.hypervisor());
        assertEquals(GuestState.STOPPED, debian.state());
        assertEquals(List.of(GuestDisk.Kind.ZVOL, GuestDisk.Kind.IMAGE), debian.disks().stream().map(GuestDisk::kind).toList());
        assertEquals(List.of(GuestDisk.Kind.RAW_VMDK, GuestDisk.Kind.IMAGE), guest("nextcloud").disks().stream().map(GuestDisk::kind).toList());
        assertEquals("", vm.vboxUnavailableProperty().get());
        assertEquals("", vm.qemuUnavailableProperty().get());
        assertEquals(List.of("backup", "fast", "tank"), vm.pools().stream().map(p -> p.name()).toList());
    }

    @Test
    void aRawVmdkWhoseZvolWasMovedIsFlaggedWithTheFix() {
        GuestDisk d = guest("old-win7").disks().get(0);
        assertTrue(d.deviceMissing());
        assertEquals(GuestTestHost.MOVED_DEVICE, d.device());
        assertEquals("raw VMDK → device missing", DiskText.backing(d));
        assertEquals("The raw VMDK /home/admin/VirtualBox VMs/old-win7/old-win7-disk0.vmdk points at /dev/zvol/fast/vm/old-win7-disk0, "
                + "which no longer exists (the zvol was moved or destroyed). Fix: recreate the raw VMDK for the zvol at its new device "
                + "(Attach zvol…), or detach the disk.", DiskText.problem(d));
        assertTrue(guest("old-win7").hasMissingDevice());
        assertFalse(guest("win11").hasMissingDevice());
    }

    @Test
    void preflightBlocksTheStartAndNamesEveryProblemWithItsFix() {
        StartCheck moved = startCheck("old-win7");
        assertTrue(moved.blocked());
        PreflightProblem p = moved.problems().get(0);
        assertEquals(PreflightProblem.Kind.VMDK_DEVICE_MISSING, p.kind());
        assertEquals("SATA Controller 0:0: The raw VMDK /home/admin/VirtualBox VMs/old-win7/old-win7-disk0.vmdk points at "
                + "/dev/zvol/fast/vm/old-win7-disk0, which no longer exists (the zvol was moved or destroyed). "
                + "Recreate the raw VMDK for the zvol's new device path, or detach the disk.", p.text());

        StartCheck locked = startCheck("ledger");
        assertTrue(locked.blocked());
        assertEquals(PreflightProblem.Kind.KEY_NOT_LOADED, locked.problems().get(0).kind());
        assertEquals("Load the key of tank/secure: `zfs load-key tank/secure` (Volumes → Load key).", locked.problems().get(0).fix());
        // nothing was started
        assertFalse(t.vbox.ranArgv().stream().anyMatch(a -> a.contains("startvm") && a.contains(guest("ledger").id())));
    }

    @Test
    void aCleanStartShowsTheCommandThenRunsIt() {
        StartCheck c = startCheck("nextcloud");
        assertFalse(c.blocked());
        assertTrue(c.problems().isEmpty());
        String uuid = guest("nextcloud").id();
        assertEquals("VBoxManage startvm " + uuid + " --type headless", c.start().plan().shellText());
        vm.run(c.start());
        assertEquals("nextcloud started.", notes.last().text());
        assertEquals(GuestState.RUNNING, guest("nextcloud").state(), "refreshed after the action");
    }

    @Test
    void aStartThatPreflightRefusesAtTheLastMomentReportsWhyAndStartsNothing() {
        StartCheck c = startCheck("nextcloud");
        t.vbox.removeFile("/home/admin/VirtualBox VMs/nextcloud/nextcloud-os.vdi"); // deleted between check and start
        vm.run(c.start());
        assertEquals(Notifications.Kind.ERROR, notes.last().kind());
        assertEquals("The VM nextcloud was not started: SATA Controller 1:0: The image /home/admin/VirtualBox VMs/nextcloud/nextcloud-os.vdi "
                + "does not exist. Restore it, or point the disk at another image in the VM's settings.", notes.last().text());
        assertEquals(GuestState.STOPPED, guest("nextcloud").state());
    }

    @Test
    void aWarningAloneDoesNotBlockTheStart() throws Exception {
        var store = t.guests.qemu().store();
        var pf = store.find("pfsense").orElseThrow();
        store.save(pf.withDrives(List.of(pf.drives().get(0).withDeclaredSize(20 * GuestTestHost.G))));
        vm.refresh();
        StartCheck c = startCheck("pfsense");
        assertFalse(c.blocked(), "a size mismatch is a warning");
        assertEquals(PreflightProblem.Kind.SIZE_MISMATCH, c.problems().get(0).kind());
        assertEquals("disk0: The disk is declared as 20 GiB but the zvol is 16 GiB. Resize the zvol (Volumes → Resize) or correct "
                + "the declared size.", c.problems().get(0).text());
    }

    @Test
    void qemuStartPlanShowsTheWholeQemuCommandLine() {
        StartCheck c = startCheck("pfsense");
        assertFalse(c.blocked());
        String shell = c.start().plan().shellText();
        assertTrue(shell.startsWith("qemu-system-x86_64 "), shell);
        assertTrue(shell.contains("/dev/zvol/fast/vm/pfsense-disk0"), shell);
        assertTrue(shell.contains("/run/user/1000/sluice/qemu/pfsense.qmp"), shell);
    }

    @Test
    void stopPressesThePowerButtonThenWouldPowerOff() {
        Guest gitlab = guest("gitlab");
        ConfirmableAction stop = vm.prepareStop(gitlab);
        assertEquals("VBoxManage controlvm " + gitlab.id() + " acpipowerbutton\nVBoxManage controlvm " + gitlab.id() + " poweroff",
                stop.plan().shellText());
        assertEquals("Presses the ACPI power button of gitlab and waits up to 60 s for the guest to shut down; if it has not, powers it off.",
                stop.plan().sentence());
        vm.run(stop);
        assertEquals("gitlab shut down.", notes.last().text());
        assertEquals(GuestState.STOPPED, guest("gitlab").state());
        assertEquals("", vm.progressTextProperty().get(), "progress cleared");
    }

    @Test
    void qemuStopIsExplainedAsQmpMessages() {
        ConfirmableAction stop = vm.prepareStop(guest("k8s-node1"));
        assertTrue(stop.plan().commands().isEmpty());
        assertEquals(List.of("QMP → {\"execute\":\"system_powerdown\"}", "QMP ← SHUTDOWN (60 s)", "QMP → {\"execute\":\"quit\"}"),
                stop.plan().details());
    }

    @Test
    void powerOffIsDestructiveAndRuns() {
        ConfirmableAction off = vm.preparePowerOff(guest("win11"));
        assertTrue(off.plan().destructive());
        assertEquals(List.of("Anything the guest has not written to disk yet (open files, caches) is lost."), off.plan().details());
        vm.run(off);
        assertEquals("win11 powered off.", notes.last().text());
        assertEquals(GuestState.STOPPED, guest("win11").state());
    }

    @Test
    void powerOffOfAVmThatAlreadyStoppedSaysSo() throws Exception {
        ConfirmableAction off = vm.preparePowerOff(guest("win11"));
        t.vbox.run(dev.sluice.host.Command.of("VBoxManage", "controlvm", guest("win11").id(), "poweroff"));
        vm.run(off);
        assertEquals(Notifications.Kind.ERROR, notes.last().kind());
        assertTrue(notes.last().text().startsWith("Cannot power off while " + guest("win11").id()), notes.last().text());
        assertTrue(notes.last().text().endsWith("Power the VM off first, or refresh its state and try again."), notes.last().text());
    }

    @Test
    void attachesAnUnusedZvolToAFreeVirtualBoxSlot() {
        Guest old = guest("old-win7");
        List<Zvol> free = vm.attachableZvols();
        assertEquals(List.of("tank/vm/old-win7-disk0"), free.stream().map(Zvol::name).toList(), "only the zvol no guest uses");
        List<AttachSlot> slots = vm.attachSlots(old);
        assertEquals("SATA Controller 1:0", slots.get(0).label());
        AtomicReference<ConfirmableAction> a = new AtomicReference<>();
        vm.prepareAttach(old, free.get(0), slots.get(0), a::set);
        String vmdk = "/home/admin/VirtualBox VMs/old-win7/old-win7-disk0.vmdk";
        assertEquals(List.of(
                List.of("VBoxManage", "createmedium", "disk", "--filename", vmdk, "--format", "VMDK", "--variant", "RawDisk",
                        "--property", "RawDrive=/dev/zvol/tank/vm/old-win7-disk0"),
                List.of("VBoxManage", "storageattach", old.id(), "--storagectl", "SATA Controller", "--port", "1", "--device", "0",
                        "--type", "hdd", "--medium", vmdk, "--mtype", "writethrough")),
                a.get().plan().commands().stream().map(c -> c.argv()).toList());
        vm.run(a.get());
        // the old descriptor still has that file name: VirtualBox refuses to overwrite it, and the user is told why
        assertEquals(Notifications.Kind.ERROR, notes.last().kind());
        assertTrue(notes.last().text().contains("VERR_ALREADY_EXISTS"), notes.last().text());
    }

    @Test
    void attachingToAQemuVmSavesItsDefinition() throws Exception {
        Guest pf = guest("pfsense");
        AtomicReference<ConfirmableAction> a = new AtomicReference<>();
        vm.prepareAttach(pf, vm.attachableZvols().get(0), vm.attachSlots(pf).get(0), a::set);
        assertTrue(a.get().plan().commands().isEmpty());
        vm.run(a.get());
        assertEquals("tank/vm/old-win7-disk0 attached to pfsense.", notes.last().text());
        List<QemuDrive> drives = t.guests.qemu().store().find("pfsense").orElseThrow().drives();
        assertEquals(List.of("/dev/zvol/fast/vm/pfsense-disk0", "/dev/zvol/tank/vm/old-win7-disk0"), drives.stream().map(QemuDrive::source).toList());
        assertEquals(120 * GuestTestHost.G, drives.get(1).declaredSizeBytes());
        assertEquals(2, guest("pfsense").disks().size());
    }

    @Test
    void newQemuVmFormExplainsEachBadInput() {
        CreateQemuVmForm f = vm.newVmForm();
        assertEquals("fast/vm", f.parentProperty().get(), "a VM dataset first, pool roots last");
        assertEquals("Give the VM a name.", f.firstProblem());
        f.nameProperty().set("web 01");
        assertEquals("Use letters, digits, '.', '_' and '-' (up to 48, starting with a letter or digit).", f.firstProblem());
        f.nameProperty().set("k8s-node1");
        assertEquals("There is already a QEMU VM called k8s-node1. Choose another name.", f.firstProblem());
        f.nameProperty().set("win11");
        assertEquals("fast/vm/win11-disk0 already exists. Choose another name or place.", f.firstProblem());
        f.nameProperty().set("web01");
        assertEquals("The disk will be fast/vm/web01-disk0", f.nameVerdict().get().message());
        f.cpusProperty().set("0");
        assertEquals("CPUs must be a whole number from 1 to 256.", f.firstProblem());
        f.cpusProperty().set("4");
        f.memoryProperty().set("lots");
        assertEquals("Memory is a number of MiB (2048) or a size such as 2G or 512M.", f.firstProblem());
        f.memoryProperty().set("8");
        assertEquals("Memory must be at least 16 MiB.", f.firstProblem());
        f.memoryProperty().set("4G");
        assertEquals(4096, f.memoryMiB());
        f.diskSizeProperty().set("10X");
        assertFalse(f.valid());
        assertTrue(f.firstProblem().contains("10X"), f.firstProblem());
        f.diskSizeProperty().set("40G");
        assertTrue(f.valid());
        assertEquals("", f.firstProblem());
    }

    @Test
    void createsAQemuVmOnANewZvol() throws Exception {
        CreateQemuVmForm f = vm.newVmForm();
        f.nameProperty().set("web01");
        f.memoryProperty().set("4G");
        f.diskSizeProperty().set("40G");
        AtomicReference<ConfirmableAction> a = new AtomicReference<>();
        vm.prepareCreate(f, a::set);
        assertEquals("zfs create -s -V 42949672960 fast/vm/web01-disk0", a.get().plan().shellText());
        t.acceptCreates("fast/vm/pfsense-disk0");
        vm.run(a.get());
        assertEquals("QEMU VM web01 created on fast/vm/web01-disk0.", notes.last().text());
        var def = t.guests.qemu().store().find("web01").orElseThrow();
        assertEquals(2, def.cpus());
        assertEquals(4096, def.memoryMiB());
        assertEquals("/dev/zvol/fast/vm/web01-disk0", def.drives().get(0).source());
        assertEquals(0, def.display().vncDisplay(), "the first VNC display no other VM uses");
        assertNotNull(vm.find("web01"));
    }

    @Test
    void anInvalidFormIsNotPrepared() {
        CreateQemuVmForm f = vm.newVmForm();
        AtomicReference<ConfirmableAction> a = new AtomicReference<>();
        vm.prepareCreate(f, a::set);
        assertNull(a.get());
        assertEquals("Give the VM a name.", notes.last().text());
    }

    @Test
    void moveToPoolOffersTheOtherPoolsAndHandsTheRequestOver() {
        Guest win11 = guest("win11");
        GuestDisk d = win11.disks().get(0);
        assertEquals(List.of("backup", "tank"), vm.movePools(d));
        int before = notes.all().size();
        vm.requestMove(win11, d, "tank"); // no handler (no migrations in this view): nothing happens, no toast
        assertEquals(before, notes.all().size());
        List<DiskMoveRequest> got = new ArrayList<>();
        vm.moveHandlerProperty().set(got::add);
        vm.requestMove(win11, d, "backup");
        assertEquals(new DiskMoveRequest(win11, d, "fast/vm/win11-disk0", "fast", "backup"), got.get(0));
        assertEquals(List.of(), vm.movePools(guest("nextcloud").disks().get(1)), "an image file has no pool to move from");
    }

    @Test
    void missingVBoxManageStillListsQemuGuestsWithoutAnInstallBanner() {
        ScriptedRunner noVbox = new ScriptedRunner();
        noVbox.notInstalled("VBoxManage");
        GuestHost h = new GuestHost(t.guests.zfs(), new VBoxService(noVbox, null), new PathProbe(noVbox), t.guests.qemu(), t.host,
                t.guests.qemuImg(), t.guests.library());
        vm = viewModel(h);
        vm.refresh();
        assertEquals("", vm.vboxUnavailableProperty().get(), "other guests are there: installing VirtualBox is not the advice");
        assertEquals(List.of("debian12", "k8s-node1", "k8s-node2", "k8s-node3", "pfsense"), vm.guests().stream().map(Guest::name).toList());
        VmsViewModel none = viewModel(new GuestHost(t.guests.zfs(), new VBoxService(noVbox, null), new PathProbe(noVbox),
                emptyQemu(), t.host, t.guests.qemuImg(), t.guests.library()));
        none.refresh();
        assertEquals("VBoxManage is not installed on Local host. Install VirtualBox from virtualbox.org or your distribution "
                + "(`apt install virtualbox`), and make sure VBoxManage is on PATH.", none.vboxUnavailableProperty().get(),
                "no guest at all: the hint is the next step");
    }

    /** A QEMU service with no VM definitions. */
    private dev.sluice.qemu.QemuVmService emptyQemu() {
        dev.sluice.qemu.preflight.Preflight p = new dev.sluice.qemu.preflight.Preflight(new PathProbe(t.host),
                new dev.sluice.guest.ZfsZvolLookup(t.guests.zfs()), path -> 0);
        return new dev.sluice.qemu.QemuVmService(t.host, new dev.sluice.qemu.QemuVmStore(tmp.resolve("no-vms")),
                new dev.sluice.qemu.QemuRunPaths("/run/user/1000/sluice/qemu"), p, s -> {
                    throw new UnsupportedOperationException("no QMP in tests");
                }, dev.sluice.qemu.Accel.TCG);
    }

    @Test
    void missingQemuShowsItsInstallHint() {
        t.host.notInstalled("qemu-system-x86_64");
        vm.refresh();
        assertTrue(vm.qemuUnavailableProperty().get().startsWith("qemu-system-x86_64 is not installed on Local host. Install QEMU: "
                + "`apt install qemu-system-x86`"), vm.qemuUnavailableProperty().get());
        assertNotNull(vm.find("win11"), "VirtualBox guests still listed");
    }

    @Test
    void anUnreachableHostIsShownInsteadOfAList() {
        vm = new VmsViewModel(new SimpleObjectProperty<>(t.host), r -> {
            throw new CommandException.HostUnreachable(dev.sluice.host.Command.of("id", "-u"), "vmhost", "Connection refused");
        }, new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        assertTrue(vm.guests().isEmpty());
        assertTrue(vm.problemProperty().get().contains("vmhost"), vm.problemProperty().get());
    }

    /** Issue 11 item 9: when ZFS cannot be read, Attach and Move say so instead of offering an empty list. */
    @Test
    void attachAndMoveShowTheZfsErrorInsteadOfNothing() {
        t.host.onPrefix("zpool").fail(1, "The ZFS modules cannot be auto-loaded.\nTry running '/sbin/modprobe zfs' as root to manually load them.\n");
        t.host.onPrefix("zfs").fail(1, "The ZFS modules cannot be auto-loaded.\nTry running '/sbin/modprobe zfs' as root to manually load them.\n");
        vm.refresh();
        assertFalse(vm.guests().isEmpty(), "the VMs still list");
        assertTrue(vm.attachableZvols().isEmpty());
        assertFalse(vm.checkZfs());
        assertEquals(Notifications.Kind.ERROR, notes.last().kind());
        assertTrue(notes.last().text().startsWith("ZFS could not be read on this host, so there are no zvols or pools to offer: "),
                notes.last().text());
        assertEquals(notes.last().text(), vm.zfsUnavailable(), "the Move to pool menu shows the same sentence");
    }

    @Test
    void noHostSelectedSaysSo() {
        vm = new VmsViewModel(new SimpleObjectProperty<CommandRunner>(null), GuestHosts.fixed(t.guests),
                new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        assertEquals("No host is selected. Choose a host in the header to see its VMs.", vm.problemProperty().get());
    }
}
