package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.metrics.ZvolLinks;
import dev.sluice.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's cases on real OpenZFS 2.3 and 2.1 output, captured by
 * {@code SCENARIO=guest-fixtures-names.sh src/test/testbed/capture-fixtures.sh} into
 * {@code fixtures/captured/names/openzfs-*} (see MANIFEST.tsv there for each command). 2.1 has no
 * {@code zpool status -j}, so the JSON case is 2.3 only; {@code zpool list -Hpv} pads the class headers with
 * spaces in both.
 */
class NamesAndBusyPoolOutputsTest {
    static final String V23 = "openzfs-2.3";
    static final String V21 = "openzfs-2.1";
    static final String VOL = "tank/vm disks/web 1";

    static String read(String version, String file) {
        return Fixtures.read("captured/names/" + version + "/" + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {V23, V21})
    void udevLinksAZvolWithSpacesUnderPlusSignsOnly(String v) {
        String find = read(v, "find-dev-zvol-spaces.txt");
        assertTrue(find.contains(HostOs.LINUX.zvolDevicePath(VOL) + "\t"), find);
        assertFalse(find.contains("/dev/zvol/tank/vm disks"), "udev never makes a link with a space: " + find);
        assertEquals("exists", read(v, "test-b-plus-path.txt").strip());
        assertEquals("no such device", read(v, "test-b-space-path.txt").strip());

        Map<String, String> byKernelName = ZvolLinks.parse(find);
        assertTrue(byKernelName.containsValue(VOL), byKernelName.toString());
        assertTrue(byKernelName.containsValue("tank/plain"), byKernelName.toString());
        assertEquals(2, byKernelName.size(), "the -part1 link is left out: " + byKernelName);
        assertTrue(find.contains("web+1-part1\t"), "the capture has the partition link: " + find);
    }

    @ParameterizedTest
    @ValueSource(strings = {V23, V21})
    void propertyValuesKeepTheirTabsAndNewlines(String v) {
        List<Property> p = ZfsListParser.properties(read(v, "zfs-get-Hp-tab-newline.txt"));
        assertEquals(List.of("tank/props", "tank/props", "tank/props", "tank/props/child", "tank/props/child",
                "tank/props/child"), p.stream().map(Property::dataset).toList());
        Map<String, Property> parent = Map.of(p.get(0).name(), p.get(0), p.get(1).name(), p.get(1), p.get(2).name(), p.get(2));
        assertEquals("before\tafter", parent.get("com.example:note").value());
        assertEquals("line one\nline two\twith a tab", parent.get("com.example:lines").value());
        assertEquals("local", parent.get("com.example:lines").source());
        Property inherited = p.stream().filter(x -> x.dataset().equals("tank/props/child")
                && x.name().equals("com.example:lines")).findFirst().orElseThrow();
        assertEquals("line one\nline two\twith a tab", inherited.value());
        assertEquals("inherited from tank/props", inherited.source());

        List<Property> all = ZfsListParser.properties(read(v, "zfs-get-Hp-all-inherits-tab.txt"));
        assertTrue(all.stream().allMatch(x -> x.dataset().equals("tank/props/child")), all.toString());
        assertEquals("before\tafter", all.stream().filter(x -> x.name().equals("com.example:note")).findFirst()
                .orElseThrow().value());
        assertTrue(all.stream().anyMatch(x -> x.name().equals("mountpoint") && x.value().equals("/tank/props/child")));
        assertEquals(all.size(), all.stream().map(Property::name).distinct().count(), "no row swallowed or split");
    }

    @ParameterizedTest
    @ValueSource(strings = {V23, V21})
    void aRollbackListZfsCutShortCountsOnlyNamesAndSaysAtLeast(String v) {
        ZfsCommandException e = ZfsErrors.classify(Command.of("zfs", "rollback", "tank/rb@s00"), 1,
                read(v, "zfs-rollback-newer-limited.txt"), null);
        assertEquals(ZfsException.Kind.WOULD_DESTROY_NEWER, e.kind());
        // 2.3: zfs says it stops at 32, yet goes on with the snapshots it had sorted, and never reaches the bookmark;
        // 2.1: it stops at 32 and says so on the last line
        int listed = v.equals(V21) ? 32 : 39;
        assertTrue(read(v, "zfs-rollback-newer-limited.txt").contains("\nOutput limited to 32 snapshots/bookmarks"));
        assertEquals(listed, e.names().size(), e.names().toString());
        assertTrue(e.names().stream().allMatch(n -> n.matches("tank/rb@s[0-9]{2}")), e.names().toString());
        assertTrue(e.getMessage().startsWith("Rolling back to 'tank/rb@s00' would destroy at least " + listed + " newer "),
                e.getMessage());

        ZfsCommandException few = ZfsErrors.classify(Command.of("zfs", "rollback", "tank/rb@s36"), 1,
                read(v, "zfs-rollback-newer-few.txt"), null);
        assertEquals(List.of("tank/rb#mark", "tank/rb@s37", "tank/rb@s38", "tank/rb@s39"), few.names().stream().sorted().toList());
        assertTrue(few.getMessage().contains("would destroy 4 newer"), few.getMessage());

        ZfsCommandException clones = ZfsErrors.classify(Command.of("zfs", "rollback", "-r", "tank/rb@s36"), 1,
                read(v, "zfs-rollback-r-clones.txt"), null);
        assertEquals(ZfsException.Kind.HAS_DEPENDENT_CLONES, clones.kind(), clones.getMessage());
        assertEquals(List.of("tank/rb-clone"), clones.names());
    }

    @ParameterizedTest
    @ValueSource(strings = {V23, V21})
    void listHpvOfABusyPoolReadsEveryClassInZfsOrder(String v) {
        for (String file : List.of("zpool-list-Hpv-busy-online.txt", "zpool-list-Hpv-busy-degraded.txt")) {
            PoolStatus s = PoolListParser.vdevTrees(read(v, file)).get("busy");
            List<Vdev> top = s.root().children();
            assertEquals(List.of("normal", "dedup", "special", "log", "cache", "spare"),
                    top.stream().map(Vdev::vdevClass).toList(), file);
            assertEquals(List.of("raidz1-0", B + "dedup", B + "special", B + "log", B + "cache", B + "spare"),
                    top.stream().map(Vdev::name).toList(), file);
            assertEquals(List.of(B + "r1", B + "r2", B + "r3"), top.get(0).children().stream().map(Vdev::name).toList());
            assertEquals(Health.AVAIL, top.get(5).state());
            assertFalse(top.get(0).children().get(0).errorsKnown());
        }
        PoolStatus degraded = PoolListParser.vdevTrees(read(v, "zpool-list-Hpv-busy-degraded.txt")).get("busy");
        assertEquals(Health.DEGRADED, degraded.state());
        assertEquals(Health.DEGRADED, degraded.root().children().get(0).state());
        assertEquals(Health.OFFLINE, degraded.root().children().get(0).children().get(1).state());
        assertEquals(Health.DEGRADED, PoolListParser.pools(read(v, "zpool-list-Hp-busy-degraded.txt")).get(0).health());
    }

    @ParameterizedTest
    @ValueSource(strings = {V23})
    void statusJsonOfABusyPoolHasClassesInZfsOrderAndTheErrorCounts(String v) {
        PoolStatus s = PoolStatusParser.parse(read(v, "zpool-status-j-json-int-busy-degraded.txt")).get("busy");
        List<Vdev> top = s.root().children();
        assertEquals(List.of("normal", "dedup", "special", "log", "cache", "spare"), top.stream().map(Vdev::vdevClass).toList());
        assertEquals(List.of("raidz1-0", B + "dedup", B + "special", B + "log", B + "cache", B + "spare"),
                top.stream().map(Vdev::name).toList());
        assertEquals(Health.DEGRADED, s.state());
        Vdev raidz = top.get(0);
        assertEquals(List.of(Health.ONLINE, Health.OFFLINE, Health.ONLINE), raidz.children().stream().map(Vdev::state).toList());
        Vdev r3 = raidz.children().get(2);
        assertTrue(r3.checksumErrors() > 0, r3.toString());
        assertEquals(0, r3.readErrors());
        assertEquals(0, raidz.children().get(0).totalErrors());
        assertEquals(Health.AVAIL, top.get(5).state());
        assertTrue(s.status().startsWith("One or more devices has experienced an unrecoverable error."), s.status());
        PoolStatus online = PoolStatusParser.parse(read(v, "zpool-status-j-json-int-busy-online.txt")).get("busy");
        assertEquals(top.stream().map(Vdev::name).toList(), online.root().children().stream().map(Vdev::name).toList());
        assertNull(online.status());
    }

    static final String B = "/var/tmp/sluice-busy/";
}
