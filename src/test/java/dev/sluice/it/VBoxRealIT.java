package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestInventory;
import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.Migration;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRequest;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.qemu.preflight.PreflightFailed;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.task.TaskContext;
import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.migration.MigrationSource;
import dev.sluice.ui.migration.MigrationTools;
import dev.sluice.vbox.MachineReadable;
import dev.sluice.vbox.VBoxDisk;
import dev.sluice.vbox.VBoxException;
import dev.sluice.vbox.VBoxManageCommands;
import dev.sluice.vbox.VBoxMedium;
import dev.sluice.vbox.VBoxService;
import dev.sluice.vbox.VBoxVersion;
import dev.sluice.vbox.VBoxVm;
import dev.sluice.vbox.VBoxVmState;
import dev.sluice.vbox.testing.RunningVmOverlay;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.KeyStatus;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.Zvol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * VirtualBox on real ZFS: the real VBoxManage 7.2 in the OpenZFS 2.4 testbed guest, on real zvols, for
 * everything that does not need a running VM. Only {@code startvm} and {@code controlvm} keep the
 * double's running-VM states ({@link RunningVmOverlay}): no VM can run under TCG without VT-x. The
 * services come from the app's own factory ({@link GuestHost#open}, {@link MigrationTools#of}).
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OnChannel(Channel.UNSTABLE)
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_24)
class VBoxRealIT {
    private static final String PASSPHRASE = "correct horse battery";

    Testbed tb;
    RunningVmOverlay overlay;
    GuestHost host;
    VBoxService vbox;
    ZfsService zfs;

    @TempDir
    Path dir;

    @BeforeAll
    void guest(Testbed testbed, @TempDir Path qemuConfig) throws Exception {
        tb = testbed;
        tb.freshPool("vsrc", 1);
        tb.freshPool("vdst", 2);
        tb.freshPool("vsafe", 3);
        // VBoxManage starts VBoxSVC on demand and VBoxSVC quits a few seconds after its last client; on a loaded
        // TCG guest its start can outlast VBoxManage's wait ("Failed to create the VirtualBox object!"). One
        // VBoxSVC started as a daemon without --auto-shutdown serves every call of the run. (--daemonize exits
        // 126 in 7.2.22 even when the daemon runs; a second one quits as the first already serves.)
        tb.sh("/usr/lib/virtualbox/VBoxSVC --daemonize </dev/null >/dev/null 2>&1 || true");
        tb.sh("for i in 1 2 3 4 5 6 7 8 9 10; do VBoxManage list vms >/dev/null 2>&1 && exit 0; sleep 3; done; "
                + "echo 'VBoxSVC did not answer in 60 s' >&2; tail -20 ~/.config/VirtualBox/VBoxSVC.log >&2; exit 1");
        // a guest attached with SLUICE_TESTBED_ATTACH_UNSTABLE may hold an earlier run's VMs and media
        tb.sh("for vm in $(VBoxManage list vms 2>/dev/null | sed -n 's/.*{\\(.*\\)}$/\\1/p'); do "
                + "VBoxManage unregistervm \"$vm\" --delete >/dev/null 2>&1; done; "
                + "for m in $(VBoxManage list hdds 2>/dev/null | sed -n 's/^UUID: *//p'); do VBoxManage closemedium disk \"$m\" >/dev/null 2>&1; done; "
                + "rm -rf /vms; mkdir -p /vms");
        overlay = new RunningVmOverlay(tb.runner());
        host = GuestHost.open(overlay, qemuConfig);
        vbox = host.vbox();
        zfs = host.zfs();
        zfs.createDataset("vsrc/vm", Map.of());
        zfs.createDataset("vdst/vm", Map.of());
        zfs.createEncryptedDataset("vsafe/secure", PASSPHRASE.toCharArray(), Map.of());
        System.err.println("[vbox] " + vbox.version().raw() + " on " + tb.zfsVersion());
    }

    /** Test set-up only: VBoxManage as an admin would type it (Sluice itself never creates VMs). */
    private String vbm(String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("VBoxManage"));
        argv.addAll(List.of(args));
        for (int attempt = 1; ; attempt++) {
            try {
                return tb.runner().run(Command.of(argv)).stdout();
            } catch (CommandException.Failed f) {
                // as VBoxService does: only when VBoxSVC did not answer (nothing ran) is the call repeated
                if (attempt == 3 || !f.stderr().contains("Failed to create the VirtualBox object")) {
                    throw f;
                }
                System.err.println("[vbox] VBoxSVC did not answer " + argv + "; trying again");
                Thread.sleep(3000L * attempt);
            }
        }
    }

    private String newVm(String name) throws Exception {
        String out = vbm("createvm", "--name", name, "--register", "--basefolder", "/vms");
        vbm("storagectl", name, "--name", "SATA", "--add", "sata", "--controller", "IntelAhci", "--portcount", "4", "--bootable", "on");
        return MachineReadable.parse(vbm("showvminfo", name, "--machinereadable")).get("UUID");
    }

    private Zvol zvol(String name, int mib) throws Exception {
        Zvol z = zfs.createZvol(name, mib + "M", true, null, Map.of());
        tb.waitForDevice(z.devicePath());
        return z;
    }

    private VBoxMedium medium(String path) throws Exception {
        return vbox.hardDisks().stream().filter(m -> m.location().equals(path)).findFirst().orElseThrow(() -> new AssertionError(
                path + " is not registered"));
    }

    @Test
    void rawVmdkOnAZvolWhoseNameHasASpaceIsAttachedWritethroughAndReadBack() throws Exception {
        Zvol z = zvol("vsrc/vm/seed disk", 64);
        assertEquals("/dev/zvol/vsrc/vm/seed+disk", z.devicePath(), "Linux links write the space as '+'");
        String uuid = newVm("seed vm");

        String vmdk = vbox.attachZvol(vbox.vm(uuid), "SATA", 0, 0, z.devicePath());

        VBoxVm vm = vbox.vm(uuid);
        assertEquals("seed vm", vm.name());
        assertEquals(VBoxVmState.POWEROFF, vm.state());
        assertEquals("/vms/seed vm", vm.folder());
        List<VBoxDisk> disks = vbox.disks(vm);
        assertEquals(1, disks.size(), disks.toString());
        assertEquals(vmdk, disks.get(0).path());
        assertEquals(z.devicePath(), disks.get(0).device().orElseThrow(), "the descriptor's FLAT extent names the zvol");
        assertEquals(64L << 20, disks.get(0).descriptor().orElseThrow().totalBytes());
        assertEquals("fullDevice", disks.get(0).descriptor().orElseThrow().createType());
        assertEquals("writethrough", medium(vmdk).type());
        assertEquals(List.of(), vbox.preflight(vm));

        Guest g = GuestInventory.read(host).guests().stream().filter(x -> x.id().equals(uuid)).findFirst().orElseThrow();
        GuestDisk d = g.disks().get(0);
        assertEquals("vsrc/vm/seed disk", d.zvol().orElseThrow());
        assertFalse(d.deviceMissing());

        // Volumes → Destroy of that zvol, with the disk users the app gives the view: the powered-off VM is named
        // and must be acknowledged (nothing is destroyed here: the action is not confirmed)
        var notes = new dev.sluice.ui.common.testing.RecordingNotifications();
        var volumes = new dev.sluice.ui.volumes.VolumesViewModel(zfs,
                new dev.sluice.ui.common.ActionRunner(dev.sluice.task.TaskExecutor.direct(), notes));
        volumes.setDiskUsers(new dev.sluice.app.GuestDiskUsers(r -> host, () -> overlay));
        volumes.refresh();
        var shown = new java.util.concurrent.atomic.AtomicReference<dev.sluice.ui.common.dialogs.ConfirmableAction>();
        volumes.prepareDestroy(volumes.find("vsrc/vm/seed disk"), shown::set);
        assertNotNull(shown.get(), String.valueOf(notes.errors()));
        String sentence = shown.get().plan().sentence();
        assertTrue(sentence.contains("seed vm") && sentence.contains("(vsrc/vm/seed disk)"), sentence);
        assertNotNull(shown.get().plan().acknowledgement(), "a VM's disk among what goes must be acknowledged");
        assertTrue(zfs.dataset("vsrc/vm/seed disk").isPresent());
    }

    @Test
    void theRealErrorsNameTheDevice() throws Exception {
        // a raw disk on a device that does not exist: VERR_FILE_NOT_FOUND, and ZFS confirms there is no such zvol
        VBoxException gone = assertThrows(VBoxException.class,
                () -> vbox.createRawVmdk("/vms/gone.vmdk", "/dev/zvol/vsrc/vm/no+such+disk"));
        assertInstanceOf(VBoxException.MediumMissing.class, gone);
        assertEquals("VirtualBox cannot open /dev/zvol/vsrc/vm/no+such+disk (VERR_FILE_NOT_FOUND): the device is gone, there is "
                + "no zvol vsrc/vm/no such disk any more (moved or destroyed). Recreate the raw VMDK for the zvol's new device, "
                + "or detach the disk.", gone.getMessage());

        // a medium a VirtualBox snapshot still refers to cannot be deleted, even with its drive emptied
        Zvol z = zvol("vsrc/vm/snap-held", 16);
        String uuid = newVm("snap vm");
        String vmdk = vbox.attachZvol(vbox.vm(uuid), "SATA", 0, 0, z.devicePath());
        vbm("snapshot", uuid, "take", "s1");
        vbox.detach(uuid, "SATA", 0, 0, false);
        VBoxException inUse = assertThrows(VBoxException.class, () -> vbox.closeMedium(vmdk, true));
        assertInstanceOf(VBoxException.MediumInUse.class, inUse);
        assertTrue(inUse.detail().contains(uuid), inUse.detail());

        // the 6.x command still works on 7.2 (after a deprecation notice)
        runRaw(VBoxManageCommands.createRawVmdk(VBoxVersion.parse("6.1.50r161033"), "/vms/old-syntax.vmdk", z.devicePath()));
        assertEquals(z.devicePath(), vbox.readDescriptor("/vms/old-syntax.vmdk").orElseThrow().device().orElseThrow());

        // controlvm on a VM that does not run: VirtualBox's own answer
        VBoxException notRunning = assertThrows(VBoxException.class, () -> vbox.powerOff(uuid));
        assertInstanceOf(VBoxException.WrongState.class, notRunning, notRunning.getMessage());
    }

    private void destroyWhenUdevLetsGo(String zvol) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                zfs.destroy(zvol, dev.sluice.zfs.DestroyFlags.NONE);
                return;
            } catch (dev.sluice.zfs.ZfsException e) {
                if (attempt == 5 || e.kind() != dev.sluice.zfs.ZfsException.Kind.BUSY) {
                    throw e;
                }
                String dev = tb.sh("readlink -f " + Testbed.zvolDevice(zvol)).strip();
                System.err.println("[vbox] " + zvol + " busy, held by: " + tb.shAllowingFailure("for p in $(find /proc -mindepth 3 "
                        + "-maxdepth 3 -lname " + dev + " 2>/dev/null | cut -d/ -f3); do cat /proc/$p/cmdline | tr '\\0' ' '; echo; done").stdout());
                tb.sh("sleep 1; udevadm settle");
            }
        }
    }

    private void runRaw(Command c) throws CommandException {
        tb.runner().run(c);
    }

    @Test
    void aStaleDescriptorIsMovedAsideNeverOverwritten() throws Exception {
        Zvol doomed = zvol("vsrc/vm/doomed", 16);
        vbox.createRawVmdk("/vms/stale.vmdk", doomed.devicePath());
        // VirtualBox opened the device read-write to describe it; its close makes udev probe the device again, and
        // while a udev-worker holds it open `zfs destroy` says "dataset is busy" (seen: the holder is udev-worker,
        // not VBoxSVC, which keeps no raw device open for a registered medium of a VM that is not running)
        tb.sh("udevadm settle");
        destroyWhenUdevLetsGo("vsrc/vm/doomed");
        tb.sh("udevadm settle");
        try {
            vbox.closeMedium("/vms/stale.vmdk", true);
        } catch (VBoxException e) {
            System.err.println("[vbox] closemedium --delete with the device gone: " + e.detail());
        }
        boolean left = tb.shAllowingFailure("test -f /vms/stale.vmdk").ok();
        System.err.println("[vbox] descriptor left behind after closemedium --delete, device gone: " + left);
        if (!left) { // make the stale file the issue describes, so the re-create below meets it either way
            tb.sh("printf '# Disk DescriptorFile\\ncreateType=\"fullDevice\"\\nRW 32768 FLAT \"/dev/zvol/vsrc/vm/doomed\" 0\\n' > /vms/stale.vmdk");
        }
        boolean stillRegistered = vbox.hardDisks().stream().anyMatch(m -> m.location().equals("/vms/stale.vmdk"));
        System.err.println("[vbox] still registered after closemedium --delete, device gone: " + stillRegistered);
        Zvol fresh = zvol("vsrc/vm/fresh", 16);
        String path = vbox.prepareRawVmdk("/vms/stale.vmdk", fresh.devicePath());
        assertEquals(fresh.devicePath(), vbox.readDescriptor(path).orElseThrow().device().orElseThrow());
        if (stillRegistered) { // VirtualBox kept it: it is left alone and the new one goes beside it
            assertEquals("/vms/stale-2.vmdk", path);
            assertTrue(tb.sh("cat /vms/stale.vmdk").contains("/dev/zvol/vsrc/vm/doomed"));
        } else {
            assertEquals("/vms/stale.vmdk", path);
            String aside = tb.sh("ls /vms | grep '^stale.vmdk.stale-'").strip();
            assertTrue(tb.sh("cat '/vms/" + aside + "'").contains("/dev/zvol/vsrc/vm/doomed"), "the old descriptor is kept");
        }
    }

    @Test
    void theSeedScenarioMovesTheVmToAnotherPoolThenToAnEncryptedOneAndPreflightAsksForTheKey() throws Exception {
        Zvol z = zvol("vsrc/vm/web disk", 64);
        String original = tb.writeRandom(z.devicePath(), 8);
        String uuid = newVm("web vm");
        String vmdk = vbox.attachZvol(vbox.vm(uuid), "SATA", 0, 0, z.devicePath());
        vbm("snapshot", uuid, "take", "installed"); // a VirtualBox snapshot now refers to the raw VMDK
        vbox.start(uuid); // preflight on the real guest, then the overlay's running state
        MigrationTools tools = MigrationTools.of("testbed", host, new MigrationStore(dir));

        MigrationRecord first = migrate(tools, uuid, "vdst/vm");
        assertEquals(original, tb.sha256("/dev/zvol/vdst/vm/web+disk", 8));
        VBoxVm vm = vbox.vm(uuid);
        assertEquals(VBoxVmState.RUNNING, vm.state(), "the guest runs again");
        VBoxDisk disk = vbox.disks(vm).get(0);
        assertEquals("/dev/zvol/vdst/vm/web+disk", disk.device().orElseThrow(), "showvminfo shows the new raw VMDK");
        assertEquals("writethrough", medium(disk.path()).type());
        assertNotEquals(vmdk, disk.path(), "the snapshot keeps the old VMDK; the new one is beside it");
        assertEquals(z.devicePath(), vbox.readDescriptor(vmdk).orElseThrow().device().orElseThrow());
        System.err.printf("[vbox] migration to vdst: downtime %.2f s%n", first.downtime().orElseThrow().toMillis() / 1000.0);

        MigrationRecord second = migrate(tools, uuid, "vsafe/secure");
        Dataset moved = zfs.dataset("vsafe/secure/web disk").orElseThrow();
        assertTrue(moved.isEncrypted());
        assertEquals("vsafe/secure", moved.encryptionRoot());
        String secureDev = "/dev/zvol/vsafe/secure/web+disk";
        assertEquals(original, tb.sha256(secureDev, 8));
        assertEquals(secureDev, vbox.disks(vbox.vm(uuid)).get(0).device().orElseThrow());
        System.err.printf("[vbox] migration to the encrypted pool: downtime %.2f s%n", second.downtime().orElseThrow().toMillis() / 1000.0);

        vbox.shutdown(uuid, Duration.ofSeconds(30), TaskContext.NONE);
        zfs.unmount("vsafe/secure"); // a mounted encryption root's key cannot be unloaded
        zfs.unloadKey("vsafe/secure");
        tb.sh("udevadm settle");
        assertEquals(KeyStatus.UNAVAILABLE, zfs.dataset("vsafe/secure/web disk").orElseThrow().keyStatus());
        assertFalse(tb.shAllowingFailure("test -e '" + secureDev + "'").ok(), "Linux removes the device node");

        List<PreflightProblem> problems = vbox.preflight(vbox.vm(uuid));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(PreflightProblem.Kind.KEY_NOT_LOADED, problems.get(0).kind());
        assertEquals("SATA 0:0: The zvol vsafe/secure/web disk is encrypted and its key is not loaded, so its device " + secureDev
                + " is missing until the key is loaded. Load the key of vsafe/secure: `zfs load-key vsafe/secure` (Volumes → Load key).",
                problems.get(0).text());
        assertThrows(PreflightFailed.class, () -> vbox.start(uuid));
        assertFalse(overlay.isRunning(uuid));

        // the real VirtualBox says VERR_FILE_NOT_FOUND; Sluice asks ZFS and says it is the key, not a lost disk
        VBoxException e = assertThrows(VBoxException.class, () -> vbox.createRawVmdk("/vms/locked.vmdk", secureDev));
        assertInstanceOf(VBoxException.KeyNotLoaded.class, e, e.getMessage());
        assertEquals("VirtualBox cannot open " + secureDev + " (VERR_FILE_NOT_FOUND): the zvol vsafe/secure/web disk is encrypted "
                + "and its key is not loaded. Load the key of vsafe/secure (`zfs load-key vsafe/secure`, Volumes → Load key), then "
                + "try again.", e.getMessage());

        zfs.loadKey("vsafe/secure", PASSPHRASE.toCharArray());
        tb.waitForDevice(secureDev);
        assertEquals(List.of(), vbox.preflight(vbox.vm(uuid)));
    }

    private MigrationRecord migrate(MigrationTools tools, String uuid, String targetParent) throws Exception {
        Guest g = GuestInventory.read(host).guests().stream().filter(x -> x.id().equals(uuid)).findFirst().orElseThrow();
        GuestRef ref = MigrationSource.of(g, g.disks().get(0)).guest();
        assertTrue(ref.wasRunning());
        long t0 = System.nanoTime();
        MigrationRecord plan = tools.planner().plan(MigrationRequest.of(g.disks().get(0).zvol().orElseThrow(), targetParent,
                MigrationOptions.safeDefaults(), ref));
        Migration m = new Migration(plan, tools.store());
        MigrationState end = tools.engine((s, p) -> { }).run(m, TaskContext.NONE);
        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
        System.err.printf("[vbox] migration to %s took %.1f s%n", targetParent, (System.nanoTime() - t0) / 1e9);
        return m.record();
    }

    @Test
    void everyStateNameTheRealVBoxManageKnowsIsRead() throws Exception {
        List<String> names = List.of(tb.sh("grep -aoE '\\b(poweroff|saved|teleported|aborted|aborted-saved|running|paused|gurumeditation"
                + "|teleporting|livesnapshotting|starting|stopping|saving|restoring|teleportingpausedvm|teleportingin|deletingsnapshotlive"
                + "|deletingsnapshotlivepaused|onlinesnapshotting|restoringsnapshot|deletingsnapshot|settingup|snapshotting)\\b' "
                + "/usr/lib/virtualbox/VBoxManage | sort -u").strip().split("\n"));
        assertTrue(names.size() >= 20, names.toString());
        for (String n : names) {
            assertNotEquals(VBoxVmState.OTHER, VBoxVmState.of(n), n);
        }
        for (String offline : List.of("aborted-saved", "teleported", "snapshotting", "settingup", "saved", "aborted")) {
            assertFalse(VBoxVmState.of(offline).isOnline(), offline + " is not running");
        }
    }

    @Test
    void aMultiLineDescriptionWithLinesThatLookLikeKeysChangesNothing() throws Exception {
        String uuid = newVm("described vm");
        vbm("modifyvm", uuid, "--description", "Seed VM.\nVMState=\"running\"\nname=\"not the name\"\n\"SATA-0-0\"=\"/x.vmdk\"");
        VBoxVm vm = vbox.vm(uuid);
        assertEquals("described vm", vm.name());
        assertEquals(VBoxVmState.POWEROFF, vm.state());
        assertTrue(vm.disks().isEmpty(), vm.disks().toString());
    }

}
