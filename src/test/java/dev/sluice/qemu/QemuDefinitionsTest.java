package dev.sluice.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuDefinitionsTest {
    @TempDir
    Path tmp;

    static QemuVmDefinition sample() {
        return new QemuVmDefinition("db-1", 4, 2048, List.of(
                QemuDrive.zvol("/dev/zvol/tank/vm/db-1").withQueues(4).withDeclaredSize(20L << 30),
                QemuDrive.image("/srv/images/seed, v2.qcow2", QemuDrive.Format.QCOW2).readOnly(true).withAio(QemuDrive.Aio.IO_URING)),
                QemuVmDefinition.Nic.USER, QemuVmDefinition.Display.vnc(3));
    }

    @Test
    void commandLine() {
        List<String> argv = QemuCommandLine.build(sample(), new QemuRunPaths("/run/user/1000/sluice/qemu/"), Accel.TCG);
        assertEquals(List.of("qemu-system-x86_64",
                "-name", "guest=db-1,debug-threads=on",
                "-accel", "tcg",
                "-smp", "4",
                "-m", "2048M",
                "-nodefaults",
                "-qmp", "unix:/run/user/1000/sluice/qemu/db-1.qmp,server=on,wait=off",
                "-pidfile", "/run/user/1000/sluice/qemu/db-1.pid",
                "-daemonize",
                "-drive", "file=/dev/zvol/tank/vm/db-1,format=raw,if=none,id=drive0,cache=none,aio=native",
                "-device", "virtio-blk-pci,drive=drive0,id=disk0,num-queues=4",
                "-drive", "file=/srv/images/seed,, v2.qcow2,format=qcow2,if=none,id=drive1,cache=none,aio=io_uring,readonly=on",
                "-device", "virtio-blk-pci,drive=drive1,id=disk1,num-queues=1",
                "-nic", "user,model=virtio-net-pci",
                "-vga", "std", "-vnc", "127.0.0.1:3"), argv);
    }

    @Test
    void storeRoundTripsJson() throws Exception {
        QemuVmStore store = new QemuVmStore(tmp.resolve("hosts/local/qemu"));
        assertTrue(store.list().isEmpty());
        store.save(sample());
        assertEquals(sample(), store.find("db-1").orElseThrow());
        assertEquals(List.of(sample()), new QemuVmStore(tmp.resolve("hosts/local/qemu")).list());
        String json = Files.readString(tmp.resolve("hosts/local/qemu/db-1.vm.json"));
        assertTrue(json.contains("\"numQueues\" : 4"), json);
        assertTrue(store.delete("db-1"));
        assertFalse(store.find("db-1").isPresent());
    }

    @Test
    void damagedDefinitionSaysWhichFile() throws Exception {
        Path dir = tmp.resolve("q");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("x.vm.json"), "{\"name\": \"x\", \"cpus\": 0");
        var e = assertThrows(java.io.UncheckedIOException.class, () -> new QemuVmStore(dir).list());
        assertTrue(e.getMessage().startsWith("The QEMU VM definition " + dir.resolve("x.vm.json") + " is damaged"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Fix or remove the file."), e.getMessage());
    }

    @Test
    void validation() {
        var bad = assertThrows(IllegalArgumentException.class, () -> new QemuVmDefinition("my vm", 1, 64, List.of(), null, null));
        assertEquals("A VM name uses letters, digits, '.', '_' and '-' (up to 48, starting with a letter or digit): my vm", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new QemuDrive("/dev/zvol/x", QemuDrive.Backing.ZVOL,
                QemuDrive.Format.QCOW2, 1, null, false, null));
        assertThrows(IllegalArgumentException.class, () -> QemuDrive.image("relative.qcow2", QemuDrive.Format.QCOW2));
        assertThrows(IllegalArgumentException.class, () -> new QemuRunPaths("/" + "x".repeat(120)).qmpSocket("vm"));
    }

    @Test
    void accelNeedsRealVirtualisation() {
        assertEquals(Accel.KVM, Accel.choose(new Accel.HostFacts(true, Set.of("fpu", "vmx"), false)));
        assertEquals(Accel.TCG, Accel.choose(new Accel.HostFacts(true, Set.of("fpu"), true)), "kvm-pvm: opens, cannot boot a kernel");
        assertEquals(Accel.TCG, Accel.choose(new Accel.HostFacts(false, Set.of("svm"), false)));
        assertEquals(Set.of("fpu", "vme", "svm"), AccelProbe.cpuFlags("processor\t: 0\nflags\t\t: fpu vme svm\nbugs\t: x\n"));
    }

    @Test
    void lifecycleIsCompareAndSet() {
        QemuVmLifecycle l = new QemuVmLifecycle(QemuVmState.STOPPED);
        List<QemuVmState> seen = new java.util.ArrayList<>();
        l.addListener(seen::add);
        assertTrue(l.transition(QemuVmState.STOPPED, QemuVmState.STARTING));
        assertFalse(l.transition(QemuVmState.STOPPED, QemuVmState.STARTING), "a second Start loses");
        assertTrue(l.transition(QemuVmState.STARTING, QemuVmState.RUNNING));
        assertThrows(IllegalStateException.class, () -> l.transition(QemuVmState.RUNNING, QemuVmState.STARTING));
        assertTrue(l.transition(QemuVmState.RUNNING, QemuVmState.STOPPING));
        assertFalse(l.transition(QemuVmState.RUNNING, QemuVmState.CRASHED), "the supervisor loses to a stop in progress");
        assertEquals(QemuVmState.STOPPING, l.transitionFromAny(QemuVmState.STOPPED));
        assertEquals(List.of(QemuVmState.STARTING, QemuVmState.RUNNING, QemuVmState.STOPPING, QemuVmState.STOPPED), seen);
    }
}
