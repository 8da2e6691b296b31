package dev.sluice.vbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.Fixtures;
import dev.sluice.vbox.StorageAttachment.Content;
import dev.sluice.vbox.StorageAttachment.DeviceType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsers and error classification on real VBoxManage 7.2.22 output (fixtures/vbox/7.2, vbox-fixtures.sh). */
class VBoxRealOutputsTest {
    private static String read(String name) {
        return Fixtures.read("vbox/7.2/" + name);
    }

    @Test
    void twoControllersWithARawVmdkAnIsoAndAnEmptyDvdDrive() {
        VBoxVm vm = VBoxVmParser.parse(read("showvminfo-two-controllers-dvd.txt"));
        assertEquals("seed vm", vm.name());
        assertEquals(VBoxVmState.POWEROFF, vm.state());
        assertEquals("/vms/seed vm", vm.folder());
        assertEquals(List.of("SATA", "IDE"), vm.controllers().stream().map(StorageController::name).toList());
        assertEquals(List.of("/vms/seed vm/seed disk.vmdk"), vm.disks().stream().map(StorageAttachment::mediumPath).toList());
        StorageAttachment iso = vm.attachments().stream().filter(a -> a.controller().equals("IDE") && a.port() == 0).findFirst().orElseThrow();
        assertEquals(DeviceType.DVD, iso.deviceType());
        // (the empty-drive attach of this capture failed: VBoxSVC did not start in time under load, see its .stderr.txt)
        assertEquals(Content.NONE, vm.attachments().stream().filter(a -> a.controller().equals("IDE") && a.port() == 1)
                .findFirst().orElseThrow().content());
        VBoxVm one = VBoxVmParser.parse(read("showvminfo-one-controller.txt"));
        assertEquals(1, one.controllers().size());
        assertEquals(4, one.freeSlots("SATA").size() + one.disks().size());
    }

    @Test
    void aDescriptionWithLinesThatLookLikeKeysAndVirtualBoxSnapshots() {
        VBoxVm vm = VBoxVmParser.parse(read("showvminfo-description.txt"));
        assertEquals("seed vm", vm.name());
        assertEquals(VBoxVmState.POWEROFF, vm.state());
        assertEquals(List.of("/vms/seed vm/seed disk.vmdk"), vm.disks().stream().map(StorageAttachment::mediumPath).toList());
        assertTrue(MachineReadable.parse(read("showvminfo-description.txt")).get("description").contains("\nVMState=\"running\"\n"));
        assertEquals(1, VBoxVmParser.parse(read("showvminfo-snapshots.txt")).disks().size());
    }

    @Test
    void theVirtualBoxSnapshotsOfAVmAreRead() {
        // the real 7.2 capture after `snapshot take s1` (the writethrough raw disk stays in its slot)
        VBoxVm vm = VBoxVmParser.parse(read("showvminfo-snapshots.txt"));
        assertEquals(List.of("s1"), vm.snapshots());
        assertEquals(List.of("/vms/seed vm/seed disk.vmdk"), vm.disks().stream().map(StorageAttachment::mediumPath).toList());
        assertEquals(List.of(), VBoxVmParser.parse(read("showvminfo-one-controller.txt")).snapshots());
        assertEquals(List.of(), VBoxVmParser.parse(read("showvminfo-description.txt")).snapshots(),
                "a description's lines that look like keys are not snapshots");
    }

    @Test
    void aSnapshotTreeIsReadParentsBeforeChildren() {
        // VBoxManage's keys for a tree (only the root is captured; the numbering is VBoxManage's showvminfo code)
        String tree = read("showvminfo-snapshots.txt").replace("CurrentSnapshotName=\"s1\"", String.join("\n",
                "SnapshotName-1=\"s2\"", "SnapshotUUID-1=\"a0000000-0000-0000-0000-000000000002\"",
                "SnapshotName-1-1=\"s3\"", "SnapshotUUID-1-1=\"a0000000-0000-0000-0000-000000000003\"",
                "SnapshotName-2=\"other branch\"", "SnapshotUUID-2=\"a0000000-0000-0000-0000-000000000004\"",
                "CurrentSnapshotName=\"s3\""));
        assertEquals(List.of("s1", "s2", "s3", "other branch"), VBoxVmParser.parse(tree).snapshots());
    }

    @Test
    void listHddsSkipsTheKernelModuleWarningOnStdout() {
        List<VBoxMedium> media = VBoxMedium.parseList(read("list-hdds.txt"));
        VBoxMedium seed = media.stream().filter(m -> m.location().equals("/vms/seed vm/seed disk.vmdk")).findFirst().orElseThrow();
        assertEquals("writethrough", seed.type());
        assertEquals("VMDK", seed.format());
        assertTrue(seed.accessible());
        assertEquals(VBoxVersion.parse(read("vboxmanage-version.txt")).major(), 7);
    }

    @Test
    void everyStateNameInTheRealBinaryIsKnown() {
        List<String> names = read("vboxmanage-state-names.txt").lines().toList();
        assertEquals(23, names.size(), names.toString());
        names.forEach(n -> assertNotEquals(VBoxVmState.OTHER, VBoxVmState.of(n), n));
    }

    @Test
    void realErrorsAreTypedAndNameTheDevice() {
        VBoxException missing = VBoxException.classify("create a raw VMDK", "/vms/gone.vmdk", read("createmedium-missing-device.txt"));
        assertInstanceOf(VBoxException.MediumMissing.class, missing);
        assertEquals("/dev/zvol/vfix/vm/no-such-disk", ((VBoxException.MediumMissing) missing).path());
        VBoxException inUse = VBoxException.classify("close", "/vms/seed vm/seed disk.vmdk", read("closemedium-delete-snapshot-in-use.txt"));
        assertInstanceOf(VBoxException.MediumInUse.class, inUse);
        VBoxException notRunning = VBoxException.classify("power off", "seed vm", read("controlvm-acpi-not-running.txt"));
        assertInstanceOf(VBoxException.WrongState.class, notRunning);
    }

    @Test
    void vboxSvcNotStartingInTimeIsItsOwnFailureNamingTheFix() {
        // every capture that met it under load: the same three lines, whatever the command
        for (String f : List.of("storageattach-dvd-empty.stderr.txt", "snapshot-take-2.stderr.txt", "startvm-no-kernel-module.txt",
                "controlvm-poweroff-not-running.txt")) {
            VBoxException e = VBoxException.classify("attach the DVD drive", "seed vm", read(f));
            VBoxException.ServiceNotStarted s = assertInstanceOf(VBoxException.ServiceNotStarted.class, e, f);
            assertEquals("Failed to create the VirtualBox object!", s.detail(), f);
            assertEquals(1, s.attempts());
        }
        VBoxException e = VBoxException.classify("attach the DVD drive", "seed vm", read("storageattach-dvd-empty.stderr.txt"));
        assertEquals("VirtualBox's service (VBoxSVC) did not start, so VBoxManage could not attach the DVD drive; nothing was changed "
                + "(tried once). On a busy host it can start slowly: try again in a minute. If it keeps failing, run "
                + "`VBoxManage list vms` on the host as the same user, and read VBoxSVC's log (~/.config/VirtualBox/VBoxSVC.log) "
                + "for why it does not start.", e.getMessage());
        // other failures that say "Failed to create" are not it
        assertInstanceOf(VBoxException.MediumMissing.class,
                VBoxException.classify("create a raw VMDK", "/vms/gone.vmdk", read("createmedium-missing-device.txt")));
    }
}
