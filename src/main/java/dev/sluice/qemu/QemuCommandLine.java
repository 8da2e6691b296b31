package dev.sluice.qemu;

import java.util.ArrayList;
import java.util.List;

/**
 * The qemu-system-x86_64 argv for a {@link QemuVmDefinition}. {@code -nodefaults} so the VM has
 * exactly the devices its definition lists; {@code -daemonize} so the VM outlives Sluice, and
 * {@code -pidfile} plus the QMP socket let Sluice find it again.
 */
public final class QemuCommandLine {
    public static final String PROGRAM = "qemu-system-x86_64";

    private QemuCommandLine() {
    }

    public static List<String> build(QemuVmDefinition vm, QemuRunPaths paths, Accel accel) {
        List<String> a = new ArrayList<>(List.of(PROGRAM,
                "-name", "guest=" + vm.name() + ",debug-threads=on",
                "-accel", accel.qemuName(),
                "-smp", Integer.toString(vm.cpus()),
                "-m", vm.memoryMiB() + "M",
                "-nodefaults",
                "-qmp", "unix:" + opt(paths.qmpSocket(vm.name())) + ",server=on,wait=off",
                "-pidfile", paths.pidFile(vm.name()),
                "-daemonize"));
        for (int i = 0; i < vm.drives().size(); i++) {
            QemuDrive d = vm.drives().get(i);
            String drive = "file=" + opt(d.source()) + ",format=" + d.format().qemuName() + ",if=none,id=drive" + i
                    + ",cache=none,aio=" + d.aio().qemuName() + (d.readOnly() ? ",readonly=on" : "");
            a.addAll(List.of("-drive", drive,
                    "-device", "virtio-blk-pci,drive=drive" + i + ",id=disk" + i + ",num-queues=" + d.numQueues()));
        }
        switch (vm.nic()) {
            case USER -> a.addAll(List.of("-nic", "user,model=virtio-net-pci"));
            case NONE -> a.addAll(List.of("-nic", "none"));
        }
        switch (vm.display().kind()) {
            case VNC -> a.addAll(List.of("-vga", "std", "-vnc", "127.0.0.1:" + vm.display().vncDisplay()));
            case NONE -> a.addAll(List.of("-display", "none"));
        }
        return a;
    }

    /** QEMU option values escape a comma by doubling it. */
    static String opt(String value) {
        return value.replace(",", ",,");
    }
}
