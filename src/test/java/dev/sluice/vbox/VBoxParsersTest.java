package dev.sluice.vbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.testing.Fixtures;
import dev.sluice.vbox.StorageAttachment.Content;
import dev.sluice.vbox.StorageAttachment.DeviceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VBoxParsersTest {

    @Test
    void machineReadableKeysValuesAndNoise() {
        Map<String, String> kv = MachineReadable.parse(Fixtures.read("vbox/showvminfo-7.0-running.txt"));
        assertEquals("web 01", kv.get("name"));
        assertEquals("4096", kv.get("memory"));
        assertEquals("/tank/vbox/web 01/data \"fast\" = tier.vdi", kv.get("NVMe - fast disks-0-0"));
        assertEquals("ssh,tcp,127.0.0.1,2222,,22", kv.get("Forwarding(0)"));
        assertFalse(kv.containsKey("Encryption:     disabled"));
        assertFalse(kv.keySet().stream().anyMatch(k -> k.contains(" ") && !k.contains("Controller") && !k.contains("NVMe")));
        assertEquals("Front-end web server.", kv.get("description").lines().findFirst().orElseThrow());
    }

    @Test
    void vbox7VmWithUserNamedControllers() {
        VBoxVm vm = VBoxVmParser.parse(Fixtures.read("vbox/showvminfo-7.0-running.txt"));
        assertEquals("2f1a7c3e-5b1d-4c2a-9e51-7d3b8a6c0f12", vm.uuid());
        assertEquals("web 01", vm.name());
        assertEquals(VBoxVmState.RUNNING, vm.state());
        assertTrue(vm.state().isOnline());
        assertEquals(2, vm.cpus());
        assertEquals(4096, vm.memoryMiB());
        assertEquals("/home/admin/VirtualBox VMs/web 01", vm.folder());
        assertEquals(List.of("IDE Controller", "SATA Controller", "NVMe - fast disks"),
                vm.controllers().stream().map(StorageController::name).toList());

        StorageAttachment dvd = find(vm, "IDE Controller", 1, 0);
        assertEquals(Content.EMPTY_DRIVE, dvd.content());
        assertEquals(DeviceType.DVD, dvd.deviceType());
        assertEquals(Content.NONE, find(vm, "IDE Controller", 0, 0).content());

        StorageAttachment root = find(vm, "SATA Controller", 0, 0);
        assertEquals(DeviceType.HDD, root.deviceType());
        assertEquals("/home/admin/VirtualBox VMs/web 01/web01-root.vmdk", root.mediumPath());
        assertEquals("9d0b1c52-6a4e-4f0b-8d2c-1e7f3a5b9c01", root.mediumUuid());

        StorageAttachment iso = find(vm, "SATA Controller", 1, 0);
        assertEquals(DeviceType.DVD, iso.deviceType());
        assertEquals("4b7e2d10-3c9a-4e51-a0f6-8b2d5c7e1a34", iso.mediumUuid());

        StorageAttachment nvme = find(vm, "NVMe - fast disks", 0, 0);
        assertEquals(DeviceType.HDD, nvme.deviceType());
        assertEquals("c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b", nvme.mediumUuid());

        assertEquals(2, vm.disks().size());
        assertEquals(List.of(find(vm, "SATA Controller", 2, 0)), vm.freeSlots("SATA Controller"));
        assertEquals(8, vm.attachments().size()); // 4 IDE + 3 SATA + 1 NVMe slots
    }

    @Test
    void vbox6VmWithPerControllerEjectKeyAndFloppy() {
        VBoxVm vm = VBoxVmParser.parse(Fixtures.read("vbox/showvminfo-6.1-poweroff-rawvmdk.txt"));
        assertEquals(VBoxVmState.POWEROFF, vm.state());
        assertFalse(vm.state().isOnline());
        assertEquals(DeviceType.DVD, find(vm, "IDE", 1, 0).deviceType());
        assertEquals(DeviceType.FLOPPY, find(vm, "Floppy", 0, 0).deviceType());
        assertEquals(List.of("/home/admin/VirtualBox VMs/db/db-zvol.vmdk", "/home/admin/VirtualBox VMs/db/db-scratch.vdi"),
                vm.disks().stream().map(StorageAttachment::mediumPath).toList());
    }

    @Test
    void controllerNamesThatPrefixEachOther() {
        String out = """
                storagecontrollername0="NVMe"
                storagecontrollertype0="NVMe"
                storagecontrollername1="NVMe-2"
                storagecontrollertype1="NVMe"
                "NVMe-0-0"="/v/a.vdi"
                "NVMe-ImageUUID-0-0"="aaaa"
                "NVMe-2-0-0"="/v/b.vdi"
                "NVMe-2-ImageUUID-0-0"="bbbb"
                """;
        VBoxVm vm = VBoxVmParser.parse(out);
        assertEquals("/v/a.vdi", find(vm, "NVMe", 0, 0).mediumPath());
        assertEquals("aaaa", find(vm, "NVMe", 0, 0).mediumUuid());
        assertEquals("/v/b.vdi", find(vm, "NVMe-2", 0, 0).mediumPath());
        assertEquals("bbbb", find(vm, "NVMe-2", 0, 0).mediumUuid());
        assertEquals(2, vm.attachments().size());
    }

    @Test
    void listVms() {
        List<VBoxVmRef> refs = VBoxVmRef.parseList(Fixtures.read("vbox/list-vms.txt"));
        assertEquals(3, refs.size());
        assertEquals(new VBoxVmRef("web 01", "2f1a7c3e-5b1d-4c2a-9e51-7d3b8a6c0f12"), refs.get(0));
        assertEquals("odd \"name\" {x}", refs.get(2).name());
        assertEquals("11111111-2222-4333-8444-555555555555", refs.get(2).uuid());
    }

    @Test
    void versions() {
        VBoxVersion v7 = VBoxVersion.parse("7.0.14r161095\n");
        assertEquals(7, v7.major());
        assertEquals(161095, v7.revision());
        assertTrue(v7.hasCreateMediumRawDisk());
        VBoxVersion v6 = VBoxVersion.parse("WARNING: The vboxdrv kernel module is not loaded.\n6.1.38_Ubuntur153438\n");
        assertEquals(6, v6.major());
        assertEquals(38, v6.build());
        assertEquals(153438, v6.revision());
        assertFalse(v6.hasCreateMediumRawDisk());
        assertThrows(IllegalArgumentException.class, () -> VBoxVersion.parse("Oracle VM VirtualBox Command Line Management Interface"));
    }

    @Test
    void rawVmdkDescriptorFromVirtualBox() {
        RawVmdkDescriptor d = RawVmdkDescriptor.parse(Fixtures.read("vbox/rawvmdk-fullDevice-vbox.vmdk")).orElseThrow();
        assertEquals("fullDevice", d.createType());
        assertTrue(d.isRawDisk());
        assertEquals("/dev/zvol/tank/vbox/db-disk0", d.device().orElseThrow());
        assertEquals(20L << 30, d.totalBytes());
        assertEquals("4", d.ddb().get("ddb.virtualHWVersion"));
        assertEquals("0e1d2c3b-4a59-4687-9a8b-7c6d5e4f3a2b", d.ddb().get("ddb.uuid.image"));
        assertTrue(RawVmdkDescriptor.parse("KDMV\u0001\u0000binary sparse header").isEmpty());
    }

    @Test
    void writtenDescriptorReadsBack() {
        RawVmdkDescriptor d = RawVmdkDescriptor.forDevice("/dev/zvol/tank/a \"b\"", 1L << 30, "12345678-1234-4234-8234-123456789abc");
        RawVmdkDescriptor back = RawVmdkDescriptor.parse(d.write()).orElseThrow();
        assertEquals("monolithicFlat", back.createType());
        assertEquals("/dev/zvol/tank/a \"b\"", back.device().orElseThrow());
        assertEquals(1L << 30, back.totalBytes());
        assertNull(back.ddb().get("ddb.uuid.parent"));
        assertThrows(IllegalArgumentException.class, () -> RawVmdkDescriptor.forDevice("/dev/x", 1000, "u"));
    }

    @Test
    void everyMachineStateIsOnlineOfflineOrBusyAndOnlyProcessStatesAreOnline() {
        for (String offline : List.of("poweroff", "saved", "teleported", "aborted", "aborted-saved")) {
            assertTrue(VBoxVmState.of(offline).isOffline(), offline);
            assertFalse(VBoxVmState.of(offline).isOnline(), offline);
        }
        for (String busy : List.of("snapshotting", "settingup", "restoringsnapshot", "deletingsnapshot")) {
            assertTrue(VBoxVmState.of(busy).isBusy(), busy);
            assertFalse(VBoxVmState.of(busy).isOnline(), busy + " is not running");
        }
        for (String online : List.of("running", "paused", "gurumeditation", "teleporting", "livesnapshotting", "starting",
                "stopping", "saving", "restoring", "teleportingpausedvm", "teleportingin", "deletingsnapshotlive",
                "deletingsnapshotlivepaused", "onlinesnapshotting")) {
            assertTrue(VBoxVmState.of(online).isOnline(), online);
            assertEquals(online, VBoxVmState.of(online).machineName());
        }
        assertEquals(VBoxVmState.OTHER, VBoxVmState.of("unknown"));
        assertTrue(VBoxVmState.OTHER.isBusy(), "a state a newer VirtualBox adds is never taken as safe to change");
    }

    @Test
    void aMultiLineValueNeverLendsItsLinesAsKeys() {
        // VBoxManage escapes '"' and '\\' in values but prints a description's newlines as they are
        String out = """
                name="web"
                description="Seed VM.
                VMState=\\"running\\"
                name=\\"not the name\\"
                \\"SATA-0-0\\"=\\"/x.vmdk\\"
                end"
                VMState="poweroff"
                storagecontrollername0="SATA"
                "SATA-0-0"="none"
                """;
        VBoxVm vm = VBoxVmParser.parse(out);
        assertEquals("web", vm.name());
        assertEquals(VBoxVmState.POWEROFF, vm.state());
        assertTrue(vm.disks().isEmpty());
        assertEquals("Seed VM.\nVMState=\"running\"\nname=\"not the name\"\n\"SATA-0-0\"=\"/x.vmdk\"\nend",
                MachineReadable.parse(out).get("description"));
        // a quote that never closes does not swallow the rest
        assertEquals("4096", MachineReadable.parse("description=\"broken\nmemory=4096\n").get("memory"));
    }

    private static StorageAttachment find(VBoxVm vm, String ctl, int port, int dev) {
        return vm.attachments().stream().filter(a -> a.controller().equals(ctl) && a.port() == port && a.device() == dev)
                .findFirst().orElseThrow(() -> new AssertionError("no slot " + ctl + " " + port + ":" + dev));
    }
}
