package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.pools.PoolItem;
import dev.sluice.ui.pools.PoolsViewModel;
import dev.sluice.zfs.Health;
import dev.sluice.zfs.Vdev;
import dev.sluice.zfs.VdevType;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A busy pool as the Pools view gets it: raidz1 of three file vdevs, a special, a dedup and a log
 * vdev, a cache device and a spare; checksum errors repaired by a scrub on one leg, then another
 * leg offlined (DEGRADED). The view model is built the way the app builds it (from the host's
 * runner). Runs on 2.3 ({@code zpool status -j}: states and error counts) and 2.1
 * ({@code zpool list -Hpv}: states only, class headers padded with spaces).
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DegradedClassesContract {
    static final String POOL = "busy";
    static final String DIR = "/var/tmp/sluice-busy";

    Testbed tb;
    PoolItem item;

    @BeforeAll
    void degradedPoolWithEveryClass(Testbed testbed) throws Exception {
        tb = testbed;
        I18n.setLocale(Locale.ROOT);
        tb.sh(busyPoolScript());
        PoolsViewModel vm = new PoolsViewModel(new SimpleObjectProperty<>(tb.runner()),
                new ActionRunner(TaskExecutor.direct(), new RecordingNotifications()));
        vm.refresh();
        item = vm.pools().stream().filter(p -> p.name().equals(POOL)).findFirst().orElseThrow();
    }

    /** The set-up, also what src/test/testbed/guest-fixtures-names.sh captures. */
    static String busyPoolScript() {
        String f = DIR + "/";
        return "zpool destroy -f " + POOL + " 2>/dev/null; rm -rf " + DIR + " && mkdir -p " + DIR
                + " && truncate -s 256M " + f + "r1 " + f + "r2 " + f + "r3"
                + " && truncate -s 128M " + f + "special " + f + "dedup " + f + "log " + f + "cache " + f + "spare"
                + " && zpool create -f " + POOL + " raidz1 " + f + "r1 " + f + "r2 " + f + "r3 special " + f + "special dedup "
                + f + "dedup log " + f + "log cache " + f + "cache spare " + f + "spare"
                + " && zfs create -V 64M " + POOL + "/vol && udevadm settle"
                + " && dd if=/dev/urandom of=/dev/zvol/" + POOL + "/vol bs=1M count=48 oflag=direct conv=fsync status=none"
                + " && zpool sync " + POOL
                // damage one leg behind ZFS's back; the scrub repairs it from parity and counts the errors
                + " && dd if=/dev/urandom of=" + f + "r3 bs=1M seek=8 count=32 conv=notrunc,fsync status=none"
                + " && zpool scrub -w " + POOL
                + " && zpool offline " + POOL + " " + f + "r2";
    }

    @AfterAll
    void destroy() throws Exception {
        tb.sh("zpool destroy -f " + POOL + "; rm -rf " + DIR);
    }

    @Test
    void thePoolAndItsRaidzAreDegradedByTheOfflineLeg() {
        assertEquals(Health.DEGRADED, item.health());
        Vdev raidz = item.vdevRoot().children().get(0);
        assertEquals("raidz1-0", raidz.name());
        assertEquals(VdevType.RAIDZ, raidz.type());
        assertEquals(Health.DEGRADED, raidz.state());
        assertEquals(List.of(DIR + "/r1", DIR + "/r2", DIR + "/r3"), raidz.children().stream().map(Vdev::name).toList());
        assertEquals(List.of(Health.ONLINE, Health.OFFLINE, Health.ONLINE), raidz.children().stream().map(Vdev::state).toList());
        assertTrue(raidz.children().stream().allMatch(v -> v.type() == VdevType.FILE), raidz.children().toString());
    }

    @Test
    void classesComeInZfsOrderEachWithItsDevice() {
        List<Vdev> top = item.vdevRoot().children();
        assertEquals(List.of("normal", "dedup", "special", "log", "cache", "spare"), top.stream().map(Vdev::vdevClass).toList());
        assertEquals(List.of("raidz1-0", DIR + "/dedup", DIR + "/special", DIR + "/log", DIR + "/cache", DIR + "/spare"),
                top.stream().map(Vdev::name).toList());
        for (Vdev v : top.subList(1, top.size())) {
            assertEquals(VdevType.FILE, v.type(), v.toString());
            assertTrue(v.isLeaf(), v.toString());
        }
        assertEquals(Health.AVAIL, top.get(5).state(), "an unused spare is AVAIL");
        assertTrue(top.subList(1, 5).stream().allMatch(v -> v.state() == Health.ONLINE), top.toString());
    }

    @Test
    void errorCountsAreShownWhereZfsReportsThem() {
        Vdev r3 = item.vdevRoot().children().get(0).children().get(2);
        if (tb.isZfs21()) {
            assertFalse(r3.errorsKnown(), "2.1 has no machine-readable error counts");
            assertNull(item.problemText());
        } else {
            assertTrue(r3.checksumErrors() > 0, "the scrub found and repaired the damage on r3: " + r3);
            assertEquals(0, r3.readErrors());
            assertEquals(0, item.vdevRoot().children().get(0).children().get(0).totalErrors());
            assertTrue(item.problemText().contains("offline"), item.problemText());
        }
    }
}
