package dev.sluice.vbox.testing;

import java.util.Map;

/** Renders the fake's state as VirtualBox 7.x prints showvminfo --machinereadable and raw VMDKs. */
final class FakeShowVmInfo {
    private FakeShowVmInfo() {
    }

    static String render(FakeVBoxManage.Vm vm, Map<String, FakeVBoxManage.Medium> media) {
        StringBuilder sb = new StringBuilder();
        sb.append("name=\"").append(vm.name).append("\"\n");
        sb.append("Encryption:     disabled\n");
        sb.append("groups=\"/\"\nostype=\"Other Linux (64-bit)\"\n");
        sb.append("UUID=\"").append(vm.uuid).append("\"\n");
        sb.append("CfgFile=\"/home/admin/VirtualBox VMs/").append(vm.name).append('/').append(vm.name).append(".vbox\"\n");
        sb.append("memory=1024\nvram=16\ncpus=2\n");
        sb.append("VMState=\"").append(vm.state).append("\"\n");
        sb.append("VMStateChangeTime=\"2026-11-21T10:00:00.000000000\"\n");
        int i = 0;
        for (var c : vm.controllerTypes.entrySet()) {
            sb.append("storagecontrollername").append(i).append("=\"").append(c.getKey()).append("\"\n");
            sb.append("storagecontrollertype").append(i).append("=\"").append(c.getValue()).append("\"\n");
            sb.append("storagecontrollerinstance").append(i).append("=\"0\"\n");
            sb.append("storagecontrollermaxportcount").append(i).append("=\"30\"\n");
            sb.append("storagecontrollerportcount").append(i).append("=\"").append(vm.controllerPorts.get(c.getKey())).append("\"\n");
            sb.append("storagecontrollerbootable").append(i).append("=\"on\"\n");
            i++;
        }
        for (var c : vm.controllerTypes.keySet()) {
            int devices = c.contains("IDE") ? 2 : 1;
            for (int port = 0; port < vm.controllerPorts.get(c); port++) {
                for (int dev = 0; dev < devices; dev++) {
                    String slot = vm.slots.get(c + "|" + port + "|" + dev);
                    String key = "\"" + c + "-" + port + "-" + dev + "\"";
                    if (slot == null) {
                        sb.append(key).append("=\"none\"\n");
                    } else if (slot.equals("emptydrive")) {
                        sb.append(key).append("=\"emptydrive\"\n");
                        sb.append("\"").append(c).append("-IsEjected-").append(port).append('-').append(dev).append("\"=\"off\"\n");
                    } else {
                        sb.append(key).append("=\"").append(slot.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
                        FakeVBoxManage.Medium m = media.get(slot);
                        sb.append("\"").append(c).append("-ImageUUID-").append(port).append('-').append(dev).append("\"=\"")
                                .append(m == null ? "" : m.uuid()).append("\"\n");
                        sb.append("\"").append(c).append("-hot-pluggable-").append(port).append('-').append(dev).append("\"=\"off\"\n");
                    }
                }
            }
        }
        sb.append("nic1=\"nat\"\nnic2=\"none\"\n");
        // the snapshot tree as VBoxManage 7.2 prints it (captured for one: fixtures/vbox/7.2/showvminfo-snapshots.txt);
        // each later snapshot is the first child of the one before: SnapshotName-1, SnapshotName-1-1, ...
        String suffix = "";
        for (int n = 0; n < vm.snapshots.size(); n++) {
            String name = vm.snapshots.get(n);
            String uuid = java.util.UUID.nameUUIDFromBytes((vm.uuid + "/" + name).getBytes()).toString();
            sb.append("SnapshotName").append(suffix).append("=\"").append(name).append("\"\n");
            sb.append("SnapshotUUID").append(suffix).append("=\"").append(uuid).append("\"\n");
            if (n == vm.snapshots.size() - 1) {
                sb.append("CurrentSnapshotName=\"").append(name).append("\"\n");
                sb.append("CurrentSnapshotUUID=\"").append(uuid).append("\"\n");
                sb.append("CurrentSnapshotNode=\"SnapshotName").append(suffix).append("\"\n");
            }
            suffix += "-1";
        }
        sb.append("GuestMemoryBalloon=0\n");
        return sb.toString();
    }

    /** The descriptor VirtualBox writes for a whole raw device (createType fullDevice). */
    static String fullDeviceDescriptor(String device, long bytes, String uuid) {
        return "# Disk DescriptorFile\nversion=1\nCID=7c1e2a3b\nparentCID=ffffffff\ncreateType=\"fullDevice\"\n\n"
                + "# Extent description\nRW " + (bytes / 512) + " FLAT \"" + device + "\" 0\n\n"
                + "# The disk Data Base \n#DDB\n\nddb.virtualHWVersion = \"4\"\nddb.adapterType=\"ide\"\n"
                + "ddb.geometry.cylinders=\"16383\"\nddb.geometry.heads=\"16\"\nddb.geometry.sectors=\"63\"\n"
                + "ddb.uuid.image=\"" + uuid + "\"\nddb.uuid.parent=\"00000000-0000-0000-0000-000000000000\"\n";
    }
}
