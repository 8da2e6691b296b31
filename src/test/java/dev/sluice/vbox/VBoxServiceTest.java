package dev.sluice.vbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.qemu.RecordingContext;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.qemu.preflight.PreflightFailed;
import dev.sluice.qemu.preflight.PreflightProblem;
import dev.sluice.qemu.preflight.ZvolFacts;
import dev.sluice.vbox.testing.FakeVBoxManage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** VBoxService against the stateful fake VBoxManage, which enforces VirtualBox's rules. */
class VBoxServiceTest {
    static final String ZVOL = "/dev/zvol/tank/vbox/web-disk0";
    static final String VMDK = "/home/admin/VirtualBox VMs/web/web-disk0.vmdk";

    private final Map<String, ZvolFacts> zvols = new HashMap<>();

    private VBoxService service(FakeVBoxManage fake) {
        Preflight preflight = new Preflight(new PathProbe(fake), dev -> Optional.ofNullable(zvols.get(dev)), p -> 0);
        return new VBoxService(fake, preflight, d -> { });
    }

    private FakeVBoxManage withVm(String version) {
        FakeVBoxManage fake = new FakeVBoxManage(version);
        fake.addVm("web").controller("IDE Controller", "PIIX4", 2).controller("SATA Controller", "IntelAhci", 2);
        fake.addDevice(ZVOL, 8L << 30);
        zvols.put(ZVOL, new ZvolFacts("tank/vbox/web-disk0", 8L << 30, ZvolFacts.KeyStatus.NONE, null));
        return fake;
    }

    @Test
    void aDifferencingImageOverARawVmdkStillShowsTheZvolAndSaysItIsPinned() throws Exception {
        FakeVBoxManage fake = withVm("7.0.14r161095");
        VBoxService svc = service(fake);
        String uuid = svc.listVms().get(0).uuid();
        svc.createRawVmdk(VMDK, ZVOL);
        svc.attachDisk(uuid, "SATA Controller", 0, 0, VMDK, false); // "normal": a snapshot puts a differencing image on it
        fake.run(dev.sluice.host.Command.of("VBoxManage", "snapshot", uuid, "take", "installed"));

        VBoxVm vm = svc.vm(uuid);
        assertEquals(List.of("installed"), vm.snapshots());
        VBoxDisk d = svc.disks(vm).get(0);
        assertTrue(d.path().contains("/Snapshots/{"), d.path());
        assertTrue(d.isDifferencing());
        assertEquals(Optional.of(VMDK), d.differencingBase());
        assertEquals(ZVOL, d.device().orElseThrow(), "the VM still reads the zvol, through the differencing image");
    }

    @Test
    void aWritethroughRawVmdkStaysInItsSlotUnderASnapshotAndIsNotPinned() throws Exception {
        FakeVBoxManage fake = withVm("7.0.14r161095");
        VBoxService svc = service(fake);
        String uuid = svc.listVms().get(0).uuid();
        svc.createRawVmdk(VMDK, ZVOL);
        svc.attachDisk(uuid, "SATA Controller", 0, 0, VMDK, true);
        fake.run(dev.sluice.host.Command.of("VBoxManage", "snapshot", uuid, "take", "installed"));

        VBoxDisk d = svc.disks(svc.vm(uuid)).get(0);
        assertEquals(VMDK, d.path());
        assertFalse(d.isDifferencing());
        assertEquals(ZVOL, d.device().orElseThrow());
    }

    @Test
    void rawVmdkLifecycleOnVirtualBox7() throws Exception {
        FakeVBoxManage fake = withVm("7.0.14r161095");
        VBoxService svc = service(fake);
        svc.createRawVmdk(VMDK, ZVOL);
        assertTrue(fake.ranArgv().contains(List.of("VBoxManage", "createmedium", "disk", "--filename", VMDK, "--format", "VMDK",
                "--variant", "RawDisk", "--property", "RawDrive=" + ZVOL)));
        VBoxVm vm = svc.listVms().get(0);
        svc.attachDisk(vm.uuid(), "SATA Controller", 0, 0, VMDK, true);
        assertTrue(fake.ranArgv().contains(List.of("VBoxManage", "storageattach", vm.uuid(), "--storagectl", "SATA Controller",
                "--port", "0", "--device", "0", "--type", "hdd", "--medium", VMDK, "--mtype", "writethrough")));

        // Sluice knows which zvol the disk really is
        List<VBoxDisk> disks = svc.disks(svc.vm(vm.uuid()));
        assertEquals(1, disks.size());
        assertEquals(ZVOL, disks.get(0).device().orElseThrow());
        assertEquals("fullDevice", disks.get(0).descriptor().orElseThrow().createType());

        svc.start(vm.uuid());
        assertEquals(VBoxVmState.RUNNING, svc.vm(vm.uuid()).state());

        // a running VM's attachments cannot change
        VBoxException busy = assertThrows(VBoxException.class, () -> svc.detach(vm.uuid(), "SATA Controller", 0, 0, false));
        assertInstanceOf(VBoxException.WrongState.class, busy);
        assertEquals("Cannot detach the disk at SATA Controller 0:0 while " + vm.uuid() + " is in its current state "
                + "(The device slot 0 on port 0 of controller 'SATA Controller' does not support hot-plugging). "
                + "Power the VM off first, or refresh its state and try again.", busy.getMessage());

        // an attached medium cannot be closed
        VBoxException inUse = assertThrows(VBoxException.class, () -> svc.closeMedium(VMDK, true));
        assertInstanceOf(VBoxException.MediumInUse.class, inUse);
        assertEquals("VirtualBox cannot close " + VMDK + " because a VM or one of its VirtualBox snapshots still uses it "
                + "(Cannot delete storage: medium '" + VMDK + "' is still attached to the following 1 virtual machine(s): "
                + fake.vm("web").uuid() + "). Power the VM off and detach the disk first (VMs → disk → Detach); if a VirtualBox "
                + "snapshot refers to it, delete that snapshot or keep the medium.", inUse.getMessage());

        RecordingContext ctx = new RecordingContext();
        assertEquals(VBoxService.ShutdownOutcome.ACPI, svc.shutdown(vm.uuid(), Duration.ofSeconds(30), ctx));
        assertEquals(VBoxVmState.POWEROFF, svc.vm(vm.uuid()).state());

        svc.detach(vm.uuid(), "SATA Controller", 0, 0, false);
        svc.closeMedium(VMDK, true);
        assertFalse(fake.exists(VMDK));
        assertTrue(fake.exists(ZVOL), "closemedium --delete removes the descriptor, never the zvol");
    }

    @Test
    void attachZvolPutsTheVmdkInTheVmFolder() throws Exception {
        FakeVBoxManage fake = withVm("7.0.14r161095");
        VBoxService svc = service(fake);
        VBoxVm vm = svc.vm("web");
        assertEquals("/home/admin/VirtualBox VMs/web", vm.folder());
        assertEquals(VMDK, svc.attachZvol(vm, "SATA Controller", 1, 0, ZVOL));
        StorageAttachment a = svc.vm("web").disks().get(0);
        assertEquals(VMDK, a.mediumPath());
        assertEquals(1, a.port());
    }

    @Test
    void virtualBox6UsesInternalCommands() throws Exception {
        FakeVBoxManage fake = withVm("6.1.50r161033");
        service(fake).createRawVmdk(VMDK, ZVOL);
        assertTrue(fake.ranArgv().contains(List.of("VBoxManage", "internalcommands", "createrawvmdk", "-filename", VMDK, "-rawdisk", ZVOL)));
        assertTrue(fake.file(VMDK).contains("RW 16777216 FLAT \"" + ZVOL + "\" 0"));
    }

    @Test
    void guestIgnoringAcpiIsPoweredOff() throws Exception {
        FakeVBoxManage fake = new FakeVBoxManage("7.0.14r161095");
        FakeVBoxManage.Vm vm = fake.addVm("stuck").controller("SATA", "IntelAhci", 1).ignoresAcpi();
        VBoxService svc = service(fake);
        svc.start("stuck");
        RecordingContext ctx = new RecordingContext();
        assertEquals(VBoxService.ShutdownOutcome.FORCED, svc.shutdown("stuck", Duration.ofMillis(50), ctx));
        assertEquals("poweroff", vm.state());
        assertEquals("The guest did not shut down in time; powering off", ctx.reports().get(ctx.reports().size() - 1).message());
    }

    @Test
    void zvolGoneAfterMigrationIsFlaggedAndRefused() throws Exception {
        FakeVBoxManage fake = withVm("7.0.14r161095");
        VBoxService svc = service(fake);
        svc.createRawVmdk(VMDK, ZVOL);
        VBoxVm vm = svc.vm("web");
        svc.attachDisk(vm.uuid(), "SATA Controller", 0, 0, VMDK, true);
        fake.removeFile(ZVOL);
        zvols.remove(ZVOL);

        List<PreflightProblem> problems = svc.preflight(svc.vm("web"));
        assertEquals(1, problems.size());
        assertEquals(PreflightProblem.Kind.VMDK_DEVICE_MISSING, problems.get(0).kind());
        assertEquals("SATA Controller 0:0: The raw VMDK " + VMDK + " points at " + ZVOL
                + ", which no longer exists (the zvol was moved or destroyed). Recreate the raw VMDK for the zvol's new device path, "
                + "or detach the disk.", problems.get(0).text());
        assertThrows(PreflightFailed.class, () -> svc.start(vm.uuid()));
        assertEquals("poweroff", fake.vm("web").state());

        // without preflight VirtualBox itself refuses: VERR_FILE_NOT_FOUND becomes a typed error
        VBoxException e = assertThrows(VBoxException.class, () -> svc.startWithoutPreflight(vm.uuid()));
        assertInstanceOf(VBoxException.MediumMissing.class, e);
        // VirtualBox names the VMDK; Sluice reads its descriptor, asks ZFS, and names the device that is really gone
        assertEquals("VirtualBox cannot open " + ZVOL + " (VERR_FILE_NOT_FOUND): the device is gone, there is no zvol "
                + "tank/vbox/web-disk0 any more (moved or destroyed). Recreate the raw VMDK for the zvol's new device, or detach "
                + "the disk.", e.getMessage());
    }

    @Test
    void unloadedKeyIsCaughtBeforeVirtualBoxSaysAccessDenied() throws Exception {
        FakeVBoxManage fake = withVm("7.0.14r161095");
        VBoxService svc = service(fake);
        svc.createRawVmdk(VMDK, ZVOL);
        VBoxVm vm = svc.vm("web");
        svc.attachDisk(vm.uuid(), "SATA Controller", 0, 0, VMDK, false);
        zvols.put(ZVOL, new ZvolFacts("tank/vbox/web-disk0", 8L << 30, ZvolFacts.KeyStatus.UNAVAILABLE, "tank/vbox"));
        fake.lockDevice(ZVOL);

        PreflightFailed pf = assertThrows(PreflightFailed.class, () -> svc.start(vm.uuid()));
        assertEquals("The VM web was not started: SATA Controller 0:0: The zvol tank/vbox/web-disk0 is encrypted and its key is "
                + "not loaded, so its device " + ZVOL + " cannot be opened. Load the key of tank/vbox: `zfs load-key tank/vbox` "
                + "(Volumes → Load key).", pf.getMessage());

        // illumos keeps the device node, so VirtualBox says VERR_ACCESS_DENIED; ZFS says why
        VBoxException e = assertThrows(VBoxException.class, () -> svc.startWithoutPreflight(vm.uuid()));
        assertInstanceOf(VBoxException.KeyNotLoaded.class, e);
        assertEquals("VirtualBox cannot open " + ZVOL + " (VERR_ACCESS_DENIED): the zvol tank/vbox/web-disk0 is encrypted and "
                + "its key is not loaded. Load the key of tank/vbox (`zfs load-key tank/vbox`, Volumes → Load key), then try "
                + "again.", e.getMessage());
    }

    @Test
    void unknownVm() {
        FakeVBoxManage fake = new FakeVBoxManage("7.0.14r161095");
        VBoxException e = assertThrows(VBoxException.class, () -> service(fake).vm("ghost"));
        assertInstanceOf(VBoxException.VmNotFound.class, e);
        assertEquals("VirtualBox has no VM ghost. It may have been renamed or unregistered; refresh the VM list.", e.getMessage());
    }

    @Test
    void emptyDriveStaysADvdDrive() throws Exception {
        FakeVBoxManage fake = withVm("7.0.14r161095");
        VBoxService svc = service(fake);
        svc.detach("web", "IDE Controller", 1, 0, true);
        assertTrue(fake.ranArgv().contains(List.of("VBoxManage", "storageattach", "web", "--storagectl", "IDE Controller",
                "--port", "1", "--device", "0", "--medium", "emptydrive")));
        StorageAttachment slot = svc.vm("web").attachments().stream().filter(a -> a.port() == 1 && a.device() == 0
                && a.controller().equals("IDE Controller")).findFirst().orElseThrow();
        assertEquals(StorageAttachment.Content.EMPTY_DRIVE, slot.content());
        assertEquals(StorageAttachment.DeviceType.DVD, slot.deviceType());
    }

    @Test
    void aStaleDescriptorIsMovedAsideNeverOverwrittenAndTheNewOneTakesItsPath() throws Exception {
        FakeVBoxManage fake = withVm("7.2.22_Debianr175245");
        VBoxService svc = service(fake);
        String stale = "# Disk DescriptorFile\ncreateType=\"fullDevice\"\nRW 32768 FLAT \"/dev/zvol/tank/vbox/old\" 0\n";
        fake.addFile(VMDK, stale); // closemedium --delete left it when the old device was already gone

        assertEquals(VMDK, svc.prepareRawVmdk(VMDK, ZVOL));
        assertTrue(fake.file(VMDK).contains("FLAT \"" + ZVOL + "\""), fake.file(VMDK));
        List<String> mv = fake.ranArgv().stream().filter(a -> a.get(0).equals("mv")).findFirst().orElseThrow();
        assertEquals(List.of("mv", "-n", "--", VMDK), mv.subList(0, 4));
        assertTrue(mv.get(4).startsWith(VMDK + ".stale-"), mv.toString());
        assertEquals(stale, fake.file(mv.get(4)), "the old descriptor is kept as it was");
    }

    @Test
    void aMediumItsSnapshotsStillUseGetsANeighbourAndIsReusedForItsOwnDevice() throws Exception {
        FakeVBoxManage fake = withVm("7.2.22_Debianr175245");
        VBoxService svc = service(fake);
        String old = "/dev/zvol/tank/vbox/old-disk0";
        fake.addDevice(old, 8L << 30);
        svc.createRawVmdk(VMDK, old); // still registered: a VirtualBox snapshot refers to it

        String beside = svc.prepareRawVmdk(VMDK, ZVOL);
        assertEquals("/home/admin/VirtualBox VMs/web/web-disk0-2.vmdk", beside);
        assertTrue(fake.file(beside).contains("FLAT \"" + ZVOL + "\""));
        assertTrue(fake.file(VMDK).contains("FLAT \"" + old + "\""), "the snapshot's VMDK is untouched");
        // back to the old device (a rollback): the registered medium that already points there is used
        assertEquals(VMDK, svc.prepareRawVmdk(VMDK, old));
        assertEquals("/x/disk-3.vmdk", VBoxService.numbered("/x/disk.vmdk", 3));
        assertEquals("/x.y/disk-2", VBoxService.numbered("/x.y/disk", 2));
    }

    @Test
    void aMissingDeviceIsNamedAndZfsSaysItIsReallyGone() throws Exception {
        FakeVBoxManage fake = withVm("7.2.22_Debianr175245");
        VBoxService svc = service(fake);
        String gone = "/dev/zvol/tank/vbox/web+disk1";
        VBoxException e = assertThrows(VBoxException.class, () -> svc.createRawVmdk(VMDK, gone));
        assertInstanceOf(VBoxException.MediumMissing.class, e);
        assertEquals("VirtualBox cannot open " + gone + " (VERR_FILE_NOT_FOUND): the device is gone, there is no zvol "
                + "tank/vbox/web disk1 any more (moved or destroyed). Recreate the raw VMDK for the zvol's new device, or detach "
                + "the disk.", e.getMessage());
        assertEquals("Failed to create medium", e.detail());

        // the same VirtualBox error for a zvol whose key is unloaded (Linux removed its node): the key is the fix
        zvols.put(gone, new ZvolFacts("tank/vbox/web disk1", 8L << 30, ZvolFacts.KeyStatus.UNAVAILABLE, "tank/vbox"));
        VBoxException locked = assertThrows(VBoxException.class, () -> svc.createRawVmdk(VMDK, gone));
        assertInstanceOf(VBoxException.KeyNotLoaded.class, locked);
        assertTrue(locked.getMessage().startsWith("VirtualBox cannot open " + gone + " (VERR_FILE_NOT_FOUND): the zvol "
                + "tank/vbox/web disk1 is encrypted and its key is not loaded. Load the key of tank/vbox"), locked.getMessage());
    }

    @Test
    void aCommandVBoxSvcWasTooSlowForIsTriedAgainAfterAWaitAndOnlyThat() throws Exception {
        String notStarted = dev.sluice.testing.Fixtures.read("vbox/7.2/storageattach-dvd-empty.stderr.txt");
        FakeVBoxManage fake = withVm("7.2.22r172375");
        List<Duration> waits = new java.util.ArrayList<>();
        Preflight preflight = new Preflight(new PathProbe(fake), dev -> Optional.ofNullable(zvols.get(dev)), p -> 0);
        VBoxService svc = new VBoxService(fake, preflight, waits::add);

        // VBoxSVC answers the third call: the list comes back, after two waits
        fake.serviceStartsLate(2, notStarted);
        assertEquals(List.of("web"), svc.listVms().stream().map(VBoxVm::name).toList());
        assertEquals(VBoxService.SERVICE_RETRIES, waits);
        assertEquals(3, fake.ranArgv().stream().filter(a -> a.equals(List.of("VBoxManage", "list", "vms"))).count());

        // it never answers: the typed failure, saying how often it was tried and what to do
        waits.clear();
        fake.serviceStartsLate(3, notStarted);
        String uuid = fake.vm("web").uuid();
        VBoxException e = assertThrows(VBoxException.class, () -> svc.attachDisk(uuid, "SATA Controller", 0, 0, VMDK, true));
        VBoxException.ServiceNotStarted s = assertInstanceOf(VBoxException.ServiceNotStarted.class, e);
        assertEquals(3, s.attempts());
        assertEquals(2, waits.size());
        assertEquals("VirtualBox's service (VBoxSVC) did not start, so VBoxManage could not attach " + VMDK + "; nothing was "
                + "changed (tried 3 times). On a busy host it can start slowly: try again in a minute. If it keeps failing, run "
                + "`VBoxManage list vms` on the host as the same user, and read VBoxSVC's log (~/.config/VirtualBox/VBoxSVC.log) "
                + "for why it does not start.", e.getMessage());
        assertEquals("Failed to create the VirtualBox object!", e.detail());

        // any other failure ran: it is never repeated
        waits.clear();
        long before = fake.ranArgv().size();
        assertThrows(VBoxException.VmNotFound.class, () -> svc.powerOff("no such vm"));
        assertEquals(before + 1, fake.ranArgv().size());
        assertEquals(List.of(), waits);
    }
}
