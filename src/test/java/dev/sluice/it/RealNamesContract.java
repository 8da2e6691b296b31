package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.guest.ZfsZvolLookup;
import dev.sluice.host.ShellQuote;
import dev.sluice.metrics.Device;
import dev.sluice.metrics.DiskstatsSource;
import dev.sluice.metrics.SampleBatch;
import dev.sluice.metrics.ThroughputSource;
import dev.sluice.metrics.ThroughputUnavailable;
import dev.sluice.metrics.ZvolLinks;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.testing.ZfsNameGenerator;
import dev.sluice.zfs.Bookmark;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.HostOs;
import dev.sluice.zfs.Pool;
import dev.sluice.zfs.Property;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.RollbackMode;
import dev.sluice.zfs.RollbackPlan;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommandException;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsNames;
import dev.sluice.zfs.ZfsService;
import dev.sluice.zfs.Zvol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every name ZFS allows, for real: pools, filesystems, zvols, snapshots and bookmarks named from
 * every allowed character ({@link ZfsNameGenerator}, seed {@link #SEED}; set
 * {@code -Dsluice.names.seed=N} to try another), created on the guest, then listed, opened by
 * device path, named in {@code /proc/diskstats}, snapshotted, rolled back, sent and received by
 * Sluice's own {@link ZfsService}. Runs on OpenZFS 2.3 and 2.1 ({@link RealNames23IT},
 * {@link RealNames21IT}). Pools: one on disk 1, one on disk 2.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealNamesContract {
    static final long SEED = Long.getLong("sluice.names.seed", 20261202L);
    static final int MIB = 1;

    Testbed tb;
    ZfsService zfs;
    ZfsNameGenerator gen;
    String src;
    String dst;
    final List<String> filesystems = new ArrayList<>();
    final List<String> zvols = new ArrayList<>();
    /** zvol → its snapshot, taken at set-up. */
    final Map<String, String> snapshots = new LinkedHashMap<>();
    final List<String> bookmarks = new ArrayList<>();

    @BeforeAll
    void createEveryKindOfName(Testbed testbed) throws Exception {
        tb = testbed;
        gen = new ZfsNameGenerator(SEED);
        zfs = new ZfsService(tb.runner());
        src = tb.freshPool(gen.pool(10) + " s", 1);
        dst = tb.freshPool(gen.pool(12), 2);
        List<String> awkward = gen.awkwardComponents();
        for (String c : awkward) {
            filesystems.add(src + "/" + c);
        }
        String deep = src + "/" + gen.component(6) + "/" + gen.component(9) + "/" + gen.component(3);
        filesystems.add(ZfsNames.parentOf(deep));
        filesystems.add(ZfsNames.parentOf(ZfsNames.parentOf(deep)));
        filesystems.add(deep);
        filesystems.sort(null);
        for (String fs : filesystems) {
            if (zfs.dataset(fs).isEmpty()) {
                zfs.createDataset(fs, Map.of());
            }
        }
        // each awkward filesystem holds a zvol whose own name is awkward too (a trailing space becomes a trailing '+')
        List<String> leaves = gen.awkwardComponents();
        for (int i = 0; i < leaves.size(); i++) {
            zvols.add(src + "/" + awkward.get(i) + "/" + leaves.get((i + 1) % leaves.size()));
        }
        zvols.add(deep + "/" + gen.component(8));
        // one long name: the whole snapshot name must stay under 256 characters
        zvols.add(src + "/" + gen.component(200 - src.length()));
        for (String z : zvols) {
            zfs.createZvol(z, "8M", true, null, Map.of());
        }
        List<String> snaps = new ArrayList<>();
        List<String> snapNames = gen.awkwardComponents();
        for (int i = 0; i < zvols.size(); i++) {
            String s = zvols.get(i) + "@" + (i < snapNames.size() ? snapNames.get(i) : gen.component(7));
            snapshots.put(zvols.get(i), s);
            snaps.add(s);
        }
        zfs.snapshot(snaps);
        for (String s : snaps) {
            String b = s.substring(0, s.indexOf('@')) + "#" + gen.component(6);
            zfs.bookmark(s, b);
            bookmarks.add(b);
        }
        List<String> all = new ArrayList<>(List.of(src, dst));
        all.addAll(filesystems);
        all.addAll(zvols);
        all.addAll(snaps);
        all.addAll(bookmarks);
        assertTrue(ZfsNameGenerator.coversEveryAllowedCharacter(all), gen + " left out a character: " + all);
    }

    @AfterAll
    void destroyPools() throws Exception {
        // pools with spaces in their names must not be left for the next class's disk clean-up
        tb.sh("zpool destroy -f " + ShellQuote.quote(src) + "; zpool destroy -f " + ShellQuote.quote(dst) + "; true");
    }

    @Test
    void everyNameIsListedExactlyAsCreated() throws Exception {
        Set<String> pools = new TreeSet<>(zfs.pools().stream().map(Pool::name).toList());
        assertTrue(pools.containsAll(List.of(src, dst)), gen + ": " + pools);

        Set<String> expected = new TreeSet<>(filesystems);
        expected.addAll(zvols);
        expected.add(src);
        List<Dataset> listed = zfs.datasets(src);
        assertEquals(expected, new TreeSet<>(listed.stream().map(Dataset::name).toList()), gen.toString());
        for (Dataset d : listed) {
            assertEquals(zvols.contains(d.name()), d.isVolume(), d.name());
        }
        assertEquals(new TreeSet<>(snapshots.values()), new TreeSet<>(zfs.allSnapshots().stream().map(Snapshot::name)
                .filter(n -> n.startsWith(src + "/")).toList()), gen.toString());
        for (Map.Entry<String, String> e : snapshots.entrySet()) {
            List<Snapshot> mine = zfs.snapshots(e.getKey());
            assertEquals(List.of(e.getValue()), mine.stream().map(Snapshot::name).toList(), e.getKey());
            assertEquals(e.getKey(), mine.get(0).dataset());
            assertEquals(e.getValue().substring(e.getValue().indexOf('@') + 1), mine.get(0).shortName());
            List<Bookmark> marks = zfs.bookmarks(e.getKey());
            assertEquals(1, marks.size(), e.getKey());
            assertTrue(bookmarks.contains(marks.get(0).name()), marks.toString());
            assertEquals(e.getKey(), marks.get(0).dataset());
        }
    }

    @Test
    void everyZvolOpensAtTheDevicePathSluiceBuilds() throws Exception {
        Map<String, Zvol> byName = new LinkedHashMap<>();
        for (Zvol z : zfs.zvols()) {
            byName.put(z.name(), z);
        }
        ZfsZvolLookup preflight = new ZfsZvolLookup(zfs);
        for (String name : zvols) {
            Zvol z = byName.get(name);
            assertEquals(HostOs.LINUX.zvolDevicePath(name), z.devicePath());
            tb.waitForDevice(z.devicePath());
            assertEquals(0, tb.shAllowingFailure("test -b " + ShellQuote.quote(z.devicePath())).exitCode(),
                    "not a block device: '" + z.devicePath() + "' for '" + name + "'; /dev/zvol has:\n"
                            + tb.sh("find /dev/zvol -type l"));
            assertEquals(name, HostOs.LINUX.zvolOf(z.devicePath()).orElseThrow());
            assertEquals(name, preflight.zvol(z.devicePath()).orElseThrow().dataset(), "preflight finds the zvol");
        }
    }

    @Test
    void diskstatsDevicesAreNamedAfterTheirZvols() throws Exception {
        for (String z : zvols) {
            tb.waitForDevice(HostOs.LINUX.zvolDevicePath(z));
        }
        Map<String, String> links = ZvolLinks.parse(tb.runner().run(dev.sluice.host.Command.of(ZvolLinks.findArgv())).stdout());
        assertTrue(links.values().containsAll(zvols), "zdN → name: " + links + "; expected " + zvols);

        List<SampleBatch> batches = new CopyOnWriteArrayList<>();
        List<ThroughputUnavailable> problems = new CopyOnWriteArrayList<>();
        DiskstatsSource source = DiskstatsSource.forHost(tb.runner());
        Set<Device> expected = new TreeSet<>();
        for (String z : zvols) {
            expected.add(Device.zvol(z));
        }
        source.open(new ThroughputSource.Sink() {
            @Override
            public void batch(SampleBatch batch) {
                batches.add(batch);
            }

            @Override
            public void failed(ThroughputUnavailable problem) {
                problems.add(problem);
            }
        });
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end && (batches.isEmpty()
                    || !batches.get(batches.size() - 1).devices().containsAll(expected))) {
                Thread.sleep(200);
            }
        } finally {
            source.close();
        }
        assertFalse(batches.isEmpty(), "no diskstats batch; problems " + problems);
        List<Device> seen = batches.get(batches.size() - 1).devices();
        assertTrue(seen.containsAll(expected), "seen " + seen);
        assertTrue(seen.stream().noneMatch(d -> d.name().matches("zd[0-9]+")), "a zvol shown by its kernel name: " + seen);
    }

    @Test
    void snapshotsRollBackToTheirBytes() throws Exception {
        for (String z : zvols) {
            String dev = HostOs.LINUX.zvolDevicePath(z);
            String original = tb.writeRandom(dev, MIB);
            String a = z + "@" + gen.component(5);
            String b = z + "@" + gen.component(5) + " ";
            zfs.snapshot(List.of(a));
            zfs.snapshot(List.of(b));
            assertNotEquals(original, tb.writeRandom(dev, MIB));

            ZfsCommandException refused = assertThrows(ZfsCommandException.class, () -> zfs.rollback(a, RollbackMode.LATEST_ONLY));
            assertEquals(ZfsException.Kind.WOULD_DESTROY_NEWER, refused.kind(), refused.getMessage());
            assertEquals(List.of(b), refused.names(), "zfs's list, read back name by name (" + z + ")");

            RollbackPlan plan = zfs.rollbackPlan(a, RollbackMode.DESTROY_NEWER);
            assertEquals(List.of(b), plan.destroyedNames());
            zfs.rollback(plan);
            assertEquals(original, tb.sha256(dev, MIB), z);
            assertEquals(List.of(snapshots.get(z), a), zfs.snapshots(z).stream().map(Snapshot::name).toList());
        }
    }

    @Test
    void sendAndReceiveCarryTheBytesToAnotherGeneratedName() throws Exception {
        for (String z : zvols.subList(0, Math.min(zvols.size(), 4))) {
            String dev = HostOs.LINUX.zvolDevicePath(z);
            String first = tb.writeRandom(dev, MIB);
            String s1 = z + "@" + gen.component(4) + ":1";
            zfs.snapshot(List.of(s1));
            String target = dst + "/" + gen.component(9) + " r";
            zfs.sendReceive(SendSpec.full(s1), ReceiveSpec.into(target)).run(p -> { });
            String targetDev = HostOs.LINUX.zvolDevicePath(target);
            assertEquals(first, tb.sha256(targetDev, MIB), z + " → " + target);

            String second = tb.writeRandom(dev, MIB);
            String s2 = z + "@" + gen.component(4) + ".2";
            zfs.snapshot(List.of(s2));
            zfs.sendReceive(SendSpec.incremental(s1, s2), ReceiveSpec.into(target)).run(p -> { });
            assertEquals(second, tb.sha256(targetDev, MIB), z + " → " + target);
            assertEquals(List.of(s1.substring(s1.indexOf('@') + 1), s2.substring(s2.indexOf('@') + 1)),
                    zfs.snapshots(target).stream().map(Snapshot::shortName).toList());
        }
    }

    @Test
    void propertyValuesWithTabsAndNewlinesReadBackWhole() throws Exception {
        String parent = filesystems.get(0);
        String child = zvols.stream().filter(z -> z.startsWith(parent + "/")).findFirst().orElseThrow();
        String note = "before\tafter";
        String lines = "line one\nline two\twith a tab\n\tlocal";
        zfs.setProperty(parent, "com.example:note", note);
        zfs.setProperty(parent, "com.example:lines", lines);
        for (String name : List.of(parent, child)) {
            List<Property> all = zfs.properties(name);
            Property n = all.stream().filter(p -> p.name().equals("com.example:note")).findFirst().orElseThrow();
            Property l = all.stream().filter(p -> p.name().equals("com.example:lines")).findFirst().orElseThrow();
            assertEquals(note, n.value(), name);
            assertEquals(lines, l.value(), name);
            assertEquals(name.equals(parent) ? "local" : "inherited from " + parent, l.source());
            assertTrue(all.stream().anyMatch(p -> p.name().equals("compression")), "the rows after it are whole");
            assertEquals(name, all.get(all.size() - 1).dataset());
        }
    }

    @Test
    void aRollbackPastManySnapshotsSaysZfsListedOnlySome() throws Exception {
        String z = zvols.get(zvols.size() - 2);
        List<String> newer = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String s = z + "@" + gen.component(6);
            newer.add(s);
            script.append("zfs snapshot ").append(ShellQuote.quote(s)).append(" && ");
        }
        String oldest = zfs.snapshots(z).get(0).name();
        tb.sh(script.append("true").toString());
        ZfsCommandException e = assertThrows(ZfsCommandException.class, () -> zfs.rollback(oldest, RollbackMode.LATEST_ONLY));
        assertEquals(ZfsException.Kind.WOULD_DESTROY_NEWER, e.kind());
        assertEquals(32, e.names().size(), "zfs stops after 32: " + e.names());
        assertTrue(e.names().stream().allMatch(n -> n.startsWith(z + "@") || n.startsWith(z + "#")), e.names().toString());
        assertTrue(e.getMessage().contains("at least 32 newer"), e.getMessage());
        RollbackPlan plan = zfs.rollbackPlan(oldest, RollbackMode.DESTROY_NEWER);
        assertTrue(plan.destroyedNames().containsAll(newer), "the plan counts them all: " + plan.destroyedNames().size());
    }
}
