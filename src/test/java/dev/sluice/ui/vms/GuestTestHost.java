package dev.sluice.ui.vms;

import dev.sluice.guest.GuestHost;
import dev.sluice.guest.ZfsZvolLookup;
import dev.sluice.host.Command;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.qemu.Accel;
import dev.sluice.qemu.ImageLibrary;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuImg;
import dev.sluice.qemu.QemuRunPaths;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmStore;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.ui.common.testing.DemoHost;
import dev.sluice.ui.common.testing.ScriptedZfs;
import dev.sluice.vbox.RawVmdkDescriptor;
import dev.sluice.vbox.VBoxService;
import dev.sluice.vbox.testing.FakeVBoxManage;
import dev.sluice.zfs.HostOs;
import dev.sluice.zfs.ZfsListParser;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM host for the VMs and Images tests and screenshots: {@link DemoHost}'s pools and zvols
 * (OpenZFS 2.3 output), VirtualBox guests in the stateful {@link FakeVBoxManage} (one raw VMDK
 * pointing at a zvol that was moved away, one on a zvol whose key is not loaded), QEMU guests
 * stored in {@code tmp}, and an image library answered in qemu-img's JSON.
 */
public final class GuestTestHost {
    public static final long G = 1L << 30;
    public static final long M = 1L << 20;
    public static final String MOVED_DEVICE = "/dev/zvol/fast/vm/old-win7-disk0";
    public static final String LIBRARY = "/srv/images";

    public final ScriptedRunner host;
    public final FakeVBoxManage vbox;
    public final GuestHost guests;
    public final Path qemuDir;
    private final Map<String, String> datasetLines = new LinkedHashMap<>();
    private final Map<String, String> images = new LinkedHashMap<>();

    public GuestTestHost(Path tmp) throws Exception {
        host = DemoHost.create();
        vbox = new FakeVBoxManage("7.0.14r161095");
        qemuDir = tmp.resolve("hosts/local/qemu");
        for (String line : host.run(ScriptedZfs.datasetsCommand()).stdout().split("\n")) {
            if (!line.isBlank()) {
                datasetLines.put(line.substring(0, line.indexOf('\t')), line);
            }
        }
        scriptHost();
        vboxGuests();
        ZfsService zfs = new ZfsService(host);
        QemuImg qemuImg = new QemuImg(host);
        Preflight qemuPreflight = new Preflight(new PathProbe(host), new ZfsZvolLookup(zfs), p -> qemuImg.info(p).virtualSize());
        Preflight vboxPreflight = new Preflight(new PathProbe(vbox), new ZfsZvolLookup(zfs), p -> 0);
        QemuVmStore store = new QemuVmStore(qemuDir);
        qemuGuests(store);
        QemuVmService qemu = new QemuVmService(host, store, new QemuRunPaths("/run/user/1000/sluice/qemu"), qemuPreflight,
                s -> {
                    throw new UnsupportedOperationException("no QMP in tests");
                }, Accel.TCG);
        guests = new GuestHost(zfs, new VBoxService(vbox, vboxPreflight, d -> { }), new PathProbe(vbox), qemu, host, qemuImg,
                new ImageLibrary(host, qemuImg, qemuDir));
    }

    private void scriptHost() {
        String cols = String.join(",", ZfsListParser.DATASET_COLUMNS);
        host.onPrefix("zfs", "list", "-Hp", "-o", cols).answer(c -> {
            String name = c.argv().get(c.argv().size() - 1);
            String line = datasetLines.get(name);
            return line == null
                    ? new ScriptedRunner.Answer(1, "", "cannot open '" + name + "': dataset does not exist\n", List.of(), null)
                    : new ScriptedRunner.Answer(0, line + "\n", "", List.of(), null);
        });
        host.on("id", "-un").stdout("admin\n");
        host.on("id", "-u").stdout("1000\n");
        host.on("id", "-G").stdout("1000 6 27\n");
        host.onPrefix("stat", "-L").answer(c -> stat(c.argv().get(c.argv().size() - 1)));
        // a new image's exclusive target (ImageTarget): the name is free, the stage is made, linked and removed
        host.onPrefix("stat", "-c", "%F", "--").answer(c -> new ScriptedRunner.Answer(1, "", "stat: cannot statx '"
                + c.argv().get(c.argv().size() - 1) + "': No such file or directory\n", List.of(), null));
        host.onPrefix("mkdir", "-m", "0700", "--").ok();
        host.onPrefix("ln", "-T", "--").ok();
        host.onPrefix("rm", "-f", "--").ok();
        host.onPrefix("rmdir", "--").ok();
        host.on("qemu-system-x86_64", "--version").stdout("QEMU emulator version 7.2.15 (Debian 1:7.2+dfsg-7+deb12u12)\n");
        host.onPrefix("find", LIBRARY).answer(c -> new ScriptedRunner.Answer(0,
                String.join("\0", images.keySet()) + "\0", "", List.of(), null));
        host.onPrefix("qemu-img", "info").answer(c -> {
            String path = c.argv().get(c.argv().size() - 1);
            String json = images.get(path);
            if (json == null) {
                return new ScriptedRunner.Answer(1, "", "qemu-img: Could not open '" + path + "': Could not open '" + path
                        + "': No such file or directory\n", List.of(), null);
            }
            if (json.startsWith("LOCKED")) {
                return new ScriptedRunner.Answer(1, "", "qemu-img: Could not open '" + path
                        + "': Failed to get shared \"write\" lock\nIs another process using the image [" + path + "]?\n", List.of(), null);
            }
            return new ScriptedRunner.Answer(0, json, "", List.of(), null);
        });
        image("debian-12-generic-amd64.qcow2", "qcow2", 2 * G, 412 * M, false, null, List.of());
        image("k8s-golden.qcow2", "qcow2", 32 * G, 5 * G + 610 * M, false, null, List.of("pre-kubeadm", "v1.30-ready"));
        image("k8s-node4-overlay.qcow2", "qcow2", 32 * G, 196 * M, false, LIBRARY + "/k8s-golden.qcow2", List.of());
        image("pfsense-2.7.2.img", "raw", 4 * G, 1 * G + 220 * M, false, null, List.of());
        image("legacy-appliance.vmdk", "vmdk", 20 * G, 7 * G + 300 * M, false, null, List.of());
        image("win11-base.qcow2", "qcow2", 128 * G, 24 * G + 100 * M, true, null, List.of());
        images.put(LIBRARY + "/build-runner.qcow2", "LOCKED");
    }

    /** {@code zfs create} succeeds and the new volume then lists like {@code like} with its own name. */
    public void acceptCreates(String like) {
        host.onPrefix("zfs", "create").answer(c -> {
            String name = c.argv().get(c.argv().size() - 1);
            String line = datasetLines.get(like);
            datasetLines.put(name, name + line.substring(line.indexOf('\t')));
            return new ScriptedRunner.Answer(0, "", "", List.of(), null);
        });
    }

    private ScriptedRunner.Answer stat(String path) {
        if (HostOs.LINUX.zvolOf(path).filter(datasetLines::containsKey).isPresent()) {
            return new ScriptedRunner.Answer(0, "block special file|0|660|0|6\n", "", List.of(), null);
        }
        if (images.containsKey(path) || path.startsWith("/run/user/")) {
            return new ScriptedRunner.Answer(0, "regular file|1000|644|1000|1000\n", "", List.of(), null);
        }
        return new ScriptedRunner.Answer(1, "", "stat: cannot statx '" + path + "': No such file or directory\n", List.of(), null);
    }

    /** An image in the library, as qemu-img info --output=json --backing-chain prints it. */
    public void image(String name, String format, long virtual, long actual, boolean dirty, String backing, List<String> snapshots) {
        String path = LIBRARY + "/" + name;
        StringBuilder snaps = new StringBuilder();
        for (int i = 0; i < snapshots.size(); i++) {
            snaps.append(i == 0 ? "" : ",").append("{\"icount\":0,\"vm-clock-nsec\":0,\"name\":\"").append(snapshots.get(i))
                    .append("\",\"date-sec\":").append(1795258035L + i * 86400L).append(",\"date-nsec\":0,\"vm-clock-sec\":0,\"id\":\"")
                    .append(i + 1).append("\",\"vm-state-size\":0}");
        }
        String top = "{\"virtual-size\":" + virtual + ",\"filename\":\"" + path + "\",\"cluster-size\":65536,\"format\":\"" + format
                + "\",\"actual-size\":" + actual + (snapshots.isEmpty() ? "" : ",\"snapshots\":[" + snaps + "]")
                + (backing == null ? "" : ",\"backing-filename\":\"" + backing + "\",\"full-backing-filename\":\"" + backing
                        + "\",\"backing-filename-format\":\"qcow2\"")
                + ",\"format-specific\":{\"type\":\"" + format + "\",\"data\":{\"compat\":\"1.1\",\"corrupt\":false}},\"dirty-flag\":" + dirty + "}";
        String json = "[" + top;
        if (backing != null && images.containsKey(backing)) {
            String base = images.get(backing);
            json += "," + base.substring(1, base.length() - 1);
        }
        images.put(path, json + "]");
    }

    private void vboxGuests() throws Exception {
        for (String z : datasetLines.keySet()) {
            if (datasetLines.get(z).split("\t")[1].equals("volume")) {
                vbox.addDevice("/dev/zvol/" + z, 32 * G);
            }
        }
        rawVm("win11", "/dev/zvol/fast/vm/win11-disk0", 128 * G, true);
        rawVm("gitlab", "/dev/zvol/tank/vm/gitlab-disk0", 500 * G, true);
        rawVm("old-win7", MOVED_DEVICE, 120 * G, false);
        rawVm("ledger", "/dev/zvol/tank/secure/ledger-disk0", 256 * G, false);
        vbox.removeFile("/dev/zvol/tank/secure/ledger-disk0"); // its key is not loaded: Linux has removed the node
        FakeVBoxManage.Vm nc = rawVm("nextcloud", "/dev/zvol/tank/vm/nextcloud-data", 4096 * G, false);
        String vdi = "/home/admin/VirtualBox VMs/nextcloud/nextcloud-os.vdi";
        vbox.addFile(vdi, "<<< Oracle VM VirtualBox Disk Image >>>");
        vbox.attached(nc, "SATA Controller", 1, 0, vdi);
    }

    private FakeVBoxManage.Vm rawVm(String name, String device, long bytes, boolean running) throws Exception {
        FakeVBoxManage.Vm vm = vbox.addVm(name).controller("SATA Controller", "IntelAhci", 4).controller("IDE Controller", "PIIX4", 2);
        String vmdk = "/home/admin/VirtualBox VMs/" + name + "/" + device.substring(device.lastIndexOf('/') + 1) + ".vmdk";
        vbox.addFile(vmdk, RawVmdkDescriptor.forDevice(device, bytes, "9d3c7a52-" + Math.abs(name.hashCode() % 10000) + "-4e1b-9f00-6a1d2b3c4d5e").write());
        vbox.attached(vm, "SATA Controller", 0, 0, vmdk);
        vbox.attached(vm, "IDE Controller", 1, 0, "emptydrive");
        if (running) {
            vbox.run(Command.of("VBoxManage", "startvm", name, "--type", "headless"));
        }
        return vm;
    }

    private static void qemuGuests(QemuVmStore store) {
        List<QemuVmDefinition> defs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            defs.add(new QemuVmDefinition("k8s-node" + i, 4, 8192,
                    List.of(QemuDrive.zvol("/dev/zvol/fast/vm/k8s-node" + i + "-disk0").withQueues(4).withDeclaredSize(32 * G)),
                    QemuVmDefinition.Nic.USER, QemuVmDefinition.Display.vnc(i)));
        }
        defs.add(new QemuVmDefinition("debian12", 2, 4096,
                List.of(QemuDrive.zvol("/dev/zvol/fast/vm/debian12-disk0").withDeclaredSize(64 * G),
                        QemuDrive.image(LIBRARY + "/debian-12-generic-amd64.qcow2", QemuDrive.Format.QCOW2).readOnly(true)),
                QemuVmDefinition.Nic.USER, QemuVmDefinition.Display.vnc(4)));
        // declared 16 GiB but the zvol is 16 GiB too; pfsense is the clean one
        defs.add(new QemuVmDefinition("pfsense", 1, 1024, List.of(QemuDrive.zvol("/dev/zvol/fast/vm/pfsense-disk0").withDeclaredSize(16 * G)),
                QemuVmDefinition.Nic.USER, QemuVmDefinition.Display.none()));
        defs.forEach(store::save);
    }
}
