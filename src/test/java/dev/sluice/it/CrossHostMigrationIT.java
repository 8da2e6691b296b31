package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.GuestHost;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.Runners;
import dev.sluice.host.SshHop;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.Migration;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRefused;
import dev.sluice.migrate.MigrationRequest;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.MigrationTarget;
import dev.sluice.migrate.RouteChoice;
import dev.sluice.migrate.StepKind;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmState;
import dev.sluice.task.TaskContext;
import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.migration.MigrationTools;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moves to another host on two testbed guests at once, through the app's own factories ({@link GuestHost#open},
 * {@link MigrationTools#between}, {@link RouteChoice}): OpenZFS 2.3 → 2.1 relayed through this machine and
 * direct (the 2.3 guest logs in to the 2.1 guest by itself, through the guestfwd start.sh -g opens), a stream cut
 * mid-way resumed from the target's receive token, a 2.1 pool without the features the stream needs refused
 * before anything changes, 2.3 → 2.3 (the 2.3 guest under a second host identity), and a running QEMU guest
 * defined by Sluice moved with its definition and started on the 2.1 host.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_21)
class CrossHostMigrationIT {
    private static final String SRC = "xsrc/vm/disk0";

    Testbed a;
    Testbed b;
    ZfsService za;
    ZfsService zb;
    String original;
    int mib = 8;
    /** Every command line the 2.3 host's runners started. */
    final List<List<String>> ranOnA = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    void hosts(@OnChannel(Channel.BACKPORTS) Testbed a23, @OnChannel(Channel.BOOKWORM) Testbed b21) throws Exception {
        a = a23;
        b = b21;
        a.freshPool("xsrc", 1);
        a.freshPool("xdst23", 2);
        b.freshPool("xdst21", 1);
        // pool features off, as on a pool created for old systems (-d): large blocks cannot land there
        b.freshPoolWith("xold21", List.of("-d", "-o", "feature@lz4_compress=enabled"), 2);
        a.journal().addListener(e -> ranOnA.add(e.argv()));
        za = new ZfsService(a.runner());
        zb = new ZfsService(b.runner());
        // the admin's trust for the direct route: the 2.3 host holds a key the 2.1 host (and itself) accepts,
        // and knows both host keys (host-key checking stays on)
        String key21 = Files.readString(Path.of(b.keyFile()));
        a.sh("umask 077; printf '%s' " + Testbed.q(key21) + " > /root/.ssh/id_ed25519"
                + " && ssh-keygen -y -f /root/.ssh/id_ed25519 >> /root/.ssh/authorized_keys"
                + " && ssh-keyscan -T 20 " + Testbed.peerAddress(Channel.BOOKWORM) + " 127.0.0.1 > /root/.ssh/known_hosts 2>/dev/null");
    }

    @BeforeEach
    void source() throws Exception {
        mib = 8;
        fresh(za, "xsrc/vm");
        fresh(za, "xdst23/vm");
        fresh(zb, "xdst21/vm");
        za.createZvol(SRC, "64M", true, "16K", Map.of());
        original = a.writeRandom("/dev/zvol/" + SRC, mib);
        za.snapshot(List.of(SRC + "@base"));
    }

    private static void fresh(ZfsService z, String parent) throws Exception {
        if (z.dataset(parent).isPresent()) {
            z.destroy(parent, DestroyFlags.RECURSIVE);
        }
        z.createDataset(parent, Map.of());
    }

    private ProcessCommandRunner runner(Testbed tb) {
        return (ProcessCommandRunner) tb.runner();
    }

    private MigrationTools tools(ProcessCommandRunner from, ProcessCommandRunner to, Optional<SshHop> hop) throws Exception {
        RouteChoice.Chosen route = RouteChoice.choose(from, to, hop);
        MigrationTarget target = new MigrationTarget(to.host().id(), to.host().displayName(), new ZfsService(to), route.route(),
                route.note());
        return MigrationTools.between(from.host().id(), guestHost(from), guestHost(to), target, new MigrationStore(dir.resolve("store")),
                Duration.ofSeconds(3));
    }

    /** One GuestHost per host identity for the class, as the app keeps one per host (opening one probes the host). */
    private final Map<String, GuestHost> opened = new java.util.HashMap<>();

    private GuestHost guestHost(ProcessCommandRunner r) throws Exception {
        GuestHost h = opened.get(r.host().id());
        if (h == null) {
            h = GuestHost.open(r, Files.createTempDirectory("sluice-xh-" + r.host().id().replaceAll("[^A-Za-z0-9]", "_")));
            opened.put(r.host().id(), h);
        }
        return h;
    }

    private MigrationRecord run(MigrationTools t, String parent, GuestRef guest) throws Exception {
        MigrationRecord plan = t.planner().plan(MigrationRequest.of(SRC, parent, MigrationOptions.safeDefaults(), guest));
        Migration m = new Migration(plan, t.store());
        MigrationState end = t.engine((s, p) -> { }).run(m, TaskContext.NONE);
        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
        return m.record();
    }

    private void assertArrived(ZfsService target, Testbed there, String name) throws Exception {
        assertArrived(SRC, target, there, name);
    }

    private void assertArrived(String source, ZfsService target, Testbed there, String name) throws Exception {
        assertEquals(original, there.sha256("/dev/zvol/" + name, mib), "the data on the target host is the source's");
        String guidHere = za.snapshots(source).stream().filter(s -> s.shortName().equals("base")).map(Snapshot::guid).findFirst().orElseThrow();
        assertTrue(target.snapshots(name).stream().anyMatch(s -> s.shortName().equals("base") && s.guid().equals(guidHere)),
                "the zvol's own history travelled");
        assertTrue(za.dataset(source).isPresent(), "the source stays (no destroy was asked for)");
    }

    @Test
    void directFrom23To21() throws Exception {
        // a hop the target does not let in: the probe says why, and the stream would be relayed
        RouteChoice.Chosen refused = RouteChoice.choose(runner(a), runner(b),
                Optional.of(new SshHop("nobody@" + Testbed.peerAddress(Channel.BOOKWORM), 0)));
        assertFalse(refused.direct());
        assertTrue(refused.note().contains("Permission denied"), refused.note());
        SshHop hop = new SshHop("root@" + Testbed.peerAddress(Channel.BOOKWORM), 0);
        RouteChoice.Chosen chosen = RouteChoice.choose(runner(a), runner(b), Optional.of(hop));
        assertTrue(chosen.direct(), chosen.note());
        MigrationTools t = tools(runner(a), runner(b), Optional.of(hop));
        run(t, "xdst21/vm", GuestRef.none());
        assertArrived(zb, b, "xdst21/vm/disk0");
        // the pipeline ran on the 2.3 host, its receive stage an ssh to the 2.1 host: no byte came through here
        assertTrue(ranOnA.stream().anyMatch(argv -> String.join(" ", argv).startsWith("ssh -T -x -o BatchMode=yes")
                && String.join(" ", argv).contains("zfs receive")), "the receive went over the 2.3 host's own ssh");
    }

    /**
     * Both hosts have zstd and mbuffer: the direct stream is compressed and buffered on the 2.3 host, decompressed
     * and buffered on the 2.1 host. The testbed images have neither program, so this case copies the host's own
     * Debian 12 builds into /usr/local/bin of both guests (Debian 12 too, their libraries present) and removes them
     * after.
     */
    @Test
    void directFrom23To21CompressedAndBufferedWhenBothHostsHaveTheTools() throws Exception {
        List<String> tools = List.of("zstd", "mbuffer");
        for (String tool : tools) {
            Path bin = Path.of("/usr/bin", tool);
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bin), tool + " is not installed on this machine");
        }
        try {
            for (Testbed tb : List.of(a, b)) {
                for (String tool : tools) {
                    tb.put(Files.readAllBytes(Path.of("/usr/bin", tool)), "/usr/local/bin/" + tool, "755");
                }
            }
            SshHop hop = new SshHop("root@" + Testbed.peerAddress(Channel.BOOKWORM), 0);
            RouteChoice.Chosen chosen = RouteChoice.choose(runner(a), runner(b), Optional.of(hop));
            assertTrue(chosen.direct(), chosen.note());
            assertTrue(chosen.note().contains("Compressed with zstd") && chosen.note().contains("mbuffer 128 MiB on both ends"),
                    chosen.note());
            MigrationTools t = tools(runner(a), runner(b), Optional.of(hop));
            MigrationRecord done = run(t, "xdst21/vm", GuestRef.none());
            assertArrived(zb, b, "xdst21/vm/disk0");
            String send = done.steps().stream().filter(st -> st.kind() == StepKind.FINAL_SEND).findFirst().orElseThrow()
                    .commands().toString();
            assertTrue(send.contains("zstd -q -1 -T0") && send.contains("zstd -q -d") && send.contains("mbuffer -q -s 128k -m 128M"),
                    send);
            // what ran on the 2.3 host: the compressor and the buffer among its stages, and its ssh to the 2.1 host
            // whose remote command decompresses before zfs receive
            List<String> lines = ranOnA.stream().map(argv -> String.join(" ", argv))
                    .filter(l -> l.contains("zstd") || l.contains("mbuffer") || l.contains("receive")).toList();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("zstd -q -1 -T0")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("mbuffer -q -s 128k -m 128M")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ssh -T -x") && l.contains("zstd -q -d") && l.contains("zfs receive")),
                    lines.toString());
        } finally {
            for (Testbed tb : List.of(a, b)) {
                tb.sh("rm -f /usr/local/bin/zstd /usr/local/bin/mbuffer");
            }
        }
    }

    @Test
    void relayedFrom23To21ADroppedConnectionIsResumedFromTheReceiveToken() throws Exception {
        // a bigger, incompressible stream so that the cut lands mid-way (another name: a zvol destroyed and made
        // again under the same name may still have the old one's /dev/zvol link for a moment)
        String big = "xsrc/vm/big0";
        za.createZvol(big, "128M", true, "16K", Map.of());
        mib = 64;
        original = a.writeRandom("/dev/zvol/" + big, mib);
        za.snapshot(List.of(big + "@base"));
        MigrationTools t = tools(runner(a), runner(b), Optional.empty());
        MigrationRecord plan = t.planner().plan(MigrationRequest.of(big, "xdst21/vm", MigrationOptions.safeDefaults(), GuestRef.none()));
        Migration m = new Migration(plan, t.store());
        AtomicBoolean cut = new AtomicBoolean();
        MigrationState end = t.engine((step, p) -> {
            if (step.kind() == StepKind.FINAL_SEND && p.done() > 8L << 20 && cut.compareAndSet(false, true)) {
                // the connection to the target drops: its ssh client dies
                ProcessHandle.current().descendants()
                        .filter(h -> h.info().commandLine().orElse("").contains("receive"))
                        .filter(h -> h.info().command().orElse("").endsWith("ssh"))
                        .forEach(ProcessHandle::destroyForcibly);
            }
        }).run(m, TaskContext.NONE);
        assertTrue(cut.get(), "the stream was cut");
        assertEquals(MigrationState.SUCCEEDED, end, m.record().error() + "\n" + m.record().stateReport());
        String send = m.record().steps().stream().filter(s -> s.kind() == StepKind.FINAL_SEND).findFirst().orElseThrow().commands().toString();
        assertTrue(send.contains("through this machine") && send.contains("zfs send") && send.contains("| ssh"), send);
        assertTrue(ranOnA.stream().anyMatch(argv -> argv.contains("send") && argv.contains("-t")), "the send resumed from a token");
        assertArrived(big, zb, b, "xdst21/vm/big0");
    }

    @Test
    void aPoolWithoutTheStreamsFeaturesIsRefusedBeforeAnythingChanges() throws Exception {
        za.createZvol("xsrc/vm/big", "16M", true, "1M", Map.of());
        MigrationTools t = tools(runner(a), runner(b), Optional.empty());
        MigrationRefused refused = assertThrows(MigrationRefused.class, () -> t.planner().plan(
                new MigrationRequest("xsrc/vm/big", "xold21", MigrationOptions.safeDefaults(), GuestRef.none(), List.of(), null)));
        String why = String.join("\n", refused.reasons());
        assertTrue(why.contains("large_blocks") && why.contains("zpool set feature@large_blocks=enabled xold21"), why);
        assertTrue(zb.dataset("xold21/big").isEmpty());
        assertTrue(za.snapshots("xsrc/vm/big").isEmpty(), "nothing was snapshotted");
    }

    @Test
    void from23To23UnderAnotherHostIdentity() throws Exception {
        // the same 2.3 guest known to Sluice under a second name: a different host as far as Sluice can tell
        Host second = new Host("ssh:second-2.3", "second 2.3", Host.Kind.SSH, "root@127.0.0.1", a.sshPort(), a.keyFile(), Elevation.NONE);
        ProcessCommandRunner other = Runners.forHost(second, new CommandJournal(), Testbed.SSH_OPTIONS);
        MigrationTools t = tools(runner(a), other, Optional.of(new SshHop("root@127.0.0.1", 0)));
        run(t, "xdst23/vm", GuestRef.none());
        assertArrived(za, a, "xdst23/vm/disk0");
    }

    @Test
    void aRunningQemuGuestMovesWithItsDefinitionAndStartsOnTheTargetHost() throws Exception {
        GuestHost here = guestHost(runner(a));
        GuestHost there = guestHost(runner(b));
        String dev = "/dev/zvol/" + SRC;
        here.qemu().store().save(new QemuVmDefinition("xweb", 1, 64, List.of(QemuDrive.zvol(dev)), QemuVmDefinition.Nic.NONE,
                QemuVmDefinition.Display.none()));
        here.qemu().start("xweb");
        try {
            RouteChoice.Chosen route = RouteChoice.choose(runner(a), runner(b), Optional.empty());
            MigrationTarget target = new MigrationTarget(runner(b).host().id(), "the 2.1 host", zb, route.route(), route.note());
            MigrationTools t = MigrationTools.between(runner(a).host().id(), here, there, target, new MigrationStore(dir.resolve("q")),
                    Duration.ofSeconds(3));
            GuestRef ref = new GuestRef(GuestRef.Hypervisor.QEMU, "xweb", "xweb", "", dev, true);
            run(t, "xdst21/vm", ref);
            assertEquals(QemuVmState.RUNNING, there.qemu().state("xweb"), "the guest runs on the target host");
            assertEquals("/dev/zvol/xdst21/vm/disk0", there.qemu().store().find("xweb").orElseThrow().drives().get(0).source());
            assertFalse(here.qemu().state("xweb") == QemuVmState.RUNNING, "and no longer on the source");
            there.qemu().powerOff("xweb");
            assertArrived(zb, b, "xdst21/vm/disk0");
        } finally {
            for (GuestHost h : List.of(here, there)) {
                try {
                    h.qemu().powerOff("xweb");
                } catch (Exception ignored) {
                    // not running there
                }
            }
        }
    }
}
