package dev.sluice.it;

import static dev.sluice.it.MatrixWorld.DST;
import static dev.sluice.it.MatrixWorld.DST_DEV;
import static dev.sluice.it.MatrixWorld.SRC;
import static dev.sluice.it.MatrixWorld.SRC_DEV;
import static dev.sluice.it.MatrixWorld.VMDK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.GuestHost;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationState;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmState;
import dev.sluice.testbed.Testbed;
import dev.sluice.ui.migration.MigrationSource;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.ZfsService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Set-up, child processes and the after-case checks of {@link MigrationFaultMatrixIT}. */
final class MatrixFixture {
    private final Testbed tb;
    private final ZfsService zfs;

    MatrixFixture(Testbed tb) {
        this.tb = tb;
        this.zfs = new ZfsService(tb.runner());
    }

    MatrixWorld world(MatrixWorld.Kind kind, Path home) {
        return new MatrixWorld(kind, tb.sshPort(), tb.keyFile(), home);
    }

    static String vboxUuid() {
        return UUID.nameUUIDFromBytes("web".getBytes()).toString();
    }

    String reset(MatrixWorld w) throws Exception {
        return reset(w, 4);
    }

    /** A fresh source zvol with {@code mib} MiB of known data and two snapshots of the user's, its guest running on it. */
    String reset(MatrixWorld w, int mib) throws Exception {
        stopQemuGuest(w);
        for (String parent : List.of("mfrom/vm", "mto/vm")) {
            if (zfs.dataset(parent).isPresent()) {
                zfs.destroy(parent, DestroyFlags.RECURSIVE);
            }
            zfs.createDataset(parent, Map.of());
        }
        zfs.createZvol(SRC, "128M", true, "16K", Map.of());
        String sha = tb.writeRandom(SRC_DEV, mib);
        zfs.snapshot(List.of(SRC + "@u1"));
        zfs.snapshot(List.of(SRC + "@u2"));
        GuestHost h = w.host();
        try {
            if (w.kind == MatrixWorld.Kind.QEMU) {
                h.qemu().store().save(new QemuVmDefinition("web", 1, 64, List.of(QemuDrive.zvol(SRC_DEV)), QemuVmDefinition.Nic.NONE,
                        QemuVmDefinition.Display.none()));
                h.qemu().start("web");
            } else {
                new MatrixWorld.FileBackedVBox(w.home.resolve("vbox.json")).update(f -> f.addVm("web").controller("SATA", "IntelAhci", 4));
                h.vbox().createRawVmdk(VMDK, SRC_DEV);
                h.vbox().attachDisk(vboxUuid(), "SATA", 0, 0, VMDK, true);
                h.vbox().start(vboxUuid());
            }
        } finally {
            h.qemu().detachAll();
        }
        return sha;
    }

    /** The guest that uses the source, resolved as every "Move to pool" entry point resolves it. */
    GuestRef guestRef(MatrixWorld w) throws Exception {
        List<MigrationSource> users = w.tools().users().of(SRC);
        assertEquals(1, users.size(), users.toString());
        assertTrue(users.get(0).guest().wasRunning());
        return users.get(0).guest();
    }

    private void stopQemuGuest(MatrixWorld w) throws Exception {
        // a guest of an earlier case (another home) may still run on the source: its pid is in the run dir
        tb.shAllowingFailure("for f in /run/user/0/sluice/qemu/*.pid /tmp/sluice-0/qemu/*.pid; do [ -f \"$f\" ] && kill -9 \"$(cat \"$f\")\" 2>/dev/null; done; true");
    }

    /** Where the guest's disk points now, and whether it runs. */
    record GuestView(String device, boolean running) {
    }

    GuestView guest(MatrixWorld w) throws Exception {
        GuestHost h = w.host();
        h.qemu().detachAll();
        h.qemu().reattach(); // another process may have stopped and started it
        try {
            if (w.kind == MatrixWorld.Kind.QEMU) {
                QemuVmDefinition def = h.qemu().store().find("web").orElseThrow();
                QemuVmState s = h.qemu().state("web");
                return new GuestView(def.drives().get(0).source(), s == QemuVmState.RUNNING);
            }
            var vm = h.vbox().vm(vboxUuid());
            return new GuestView(h.vbox().disks(vm).get(0).device().orElse("none"), vm.state().isOnline());
        } finally {
            h.qemu().detachAll();
        }
    }

    /** After a case: the end state, the guest's disk and data, and exactly the datasets and snapshots expected. */
    void check(MatrixWorld w, MigrationRecord r, MigrationState end, String sha, int mib) throws Exception {
        assertTrue(end == MigrationState.SUCCEEDED || end == MigrationState.ROLLED_BACK, end + ": " + r.error() + "\n" + r.stateReport());
        assertEquals(end, r.state(), r.stateReport());
        boolean moved = end == MigrationState.SUCCEEDED;
        GuestView g = guest(w);
        assertEquals(moved ? DST_DEV : SRC_DEV, g.device(), "the guest's disk");
        assertTrue(g.running(), "the guest was running, so it runs");
        assertEquals(sha, tb.sha256(g.device(), mib), "the disk holds the last data written to it");
        String fin = r.steps().get(0).param("final");
        String finShort = fin.substring(fin.indexOf('@'));
        TreeSet<String> expected = new TreeSet<>(List.of("mfrom", "mfrom/vm", "mto", "mto/vm"));
        if (moved) {
            expected.addAll(List.of(DST, DST + "@u1", DST + "@u2", DST + finShort));
            if (!r.options().destroySource()) {
                expected.addAll(List.of(SRC, SRC + "@u1", SRC + "@u2", SRC + finShort));
            }
        } else {
            expected.addAll(List.of(SRC, SRC + "@u1", SRC + "@u2"));
        }
        TreeSet<String> actual = new TreeSet<>(tb.sh("zfs list -H -o name -t all -r mfrom mto").lines().map(String::strip).toList());
        assertEquals(expected, actual, "nothing left behind but what the report lists\n" + r.stateReport());
    }

    // ------------------------------------------------------------------ faults

    /** Kills the local ssh client of the running send | receive (a process this JVM started): the connection drops. */
    void dropSshOfPipeline() {
        ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/ssh")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> !List.of(a).contains("-O")).orElse(true))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** Takes all but about a MiB of {@code pool} with a reservation: the next sizeable write hits ENOSPC. */
    void fillPool(String pool) throws Exception {
        long avail = zfs.dataset(pool).orElseThrow().available();
        tb.sh("a=" + avail + "; r=$((a - 1048576)); until zfs create -o refreservation=$r " + pool + "/filler 2>/dev/null; do "
                + "r=$((r - 1048576)); [ $r -gt 0 ] || exit 1; done");
    }

    void unfillPool(String pool) throws Exception {
        tb.shAllowingFailure("zfs destroy " + pool + "/filler");
    }

    // ------------------------------------------------------------------ a Sluice process of its own

    private final List<Child> children = new ArrayList<>();

    /** After a case, pass or fail: no Sluice process of it is left running (each killed by its own handle). */
    void endChildren() throws Exception {
        for (Child c : children) {
            c.kill9();
        }
        children.clear();
    }

    Child start(MatrixWorld w, String mode, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dsluice.home=" + w.home, "-cp", System.getProperty("java.class.path"), MigrationProcess.class.getName(),
                mode, w.kind.name(), Integer.toString(tb.sshPort()), tb.keyFile()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        Child c = new Child(p);
        children.add(c);
        return c;
    }

    static final class Child {
        private final Process process;
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        Child(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception e) {
                    lines.add("(output lost: " + e + ")");
                }
            });
        }

        void await(String line) throws Exception {
            Instant until = Instant.now().plus(Duration.ofMinutes(6));
            while (Instant.now().isBefore(until)) {
                if (lines.contains(line)) {
                    return;
                }
                if (!process.isAlive()) {
                    Thread.sleep(200);
                    if (lines.contains(line)) {
                        return;
                    }
                    throw new AssertionError("the Sluice process ended before '" + line + "':\n" + output());
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no '" + line + "' in time:\n" + output());
        }

        /** The last line, once the process has ended. */
        String awaitEnd() throws Exception {
            if (!process.waitFor(8, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the Sluice process did not end:\n" + output());
            }
            Thread.sleep(200);
            synchronized (lines) {
                for (int i = lines.size() - 1; i >= 0; i--) {
                    String l = lines.get(i);
                    if (l.startsWith("END ") || l.startsWith("NONE") || l.startsWith("ALREADY_RUNNING") || l.startsWith("FOUND ")
                            || l.startsWith("ERROR ")) {
                        return l;
                    }
                }
            }
            return "(no result) " + output();
        }

        void kill9() throws Exception {
            process.destroyForcibly(); // SIGKILL
            process.waitFor(30, TimeUnit.SECONDS);
        }

        int exitCode() {
            return process.exitValue();
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
