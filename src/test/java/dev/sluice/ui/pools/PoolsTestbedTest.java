package dev.sluice.ui.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.zfs.Health;
import dev.sluice.zfs.ScrubState;
import dev.sluice.zfs.ZfsService;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Pools view's data and scrub action against real OpenZFS 2.3: a mirror, degraded, scrubbed. */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
class PoolsTestbedTest {

    @Test
    void mirrorGoesDegradedAndIsScrubbed(Testbed tb) throws Exception {
        I18n.setLocale(Locale.ROOT);
        tb.destroyAllPools();
        tb.sh("zpool create -f ptest mirror " + Testbed.disk(1) + " " + Testbed.disk(2));
        RecordingNotifications notes = new RecordingNotifications();
        PoolsViewModel vm = new PoolsViewModel(new ZfsService(tb.runner()), new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        PoolItem p = vm.pools().stream().filter(i -> i.name().equals("ptest")).findFirst().orElseThrow();
        assertEquals(Health.ONLINE, p.health());
        assertEquals(2, p.vdevRoot().children().get(0).children().size());

        tb.sh("zpool offline ptest " + Testbed.disk(2));
        vm.refresh();
        p = vm.pools().stream().filter(i -> i.name().equals("ptest")).findFirst().orElseThrow();
        assertEquals(Health.DEGRADED, p.health());
        assertEquals(Health.OFFLINE, p.vdevRoot().children().get(0).children().get(1).state());
        assertTrue(p.problemText().contains("offline"), p.problemText());

        vm.perform(vm.startScrub(p).orElseThrow());
        assertEquals(Notifications.Kind.SUCCESS, notes.last().kind(), notes.all().toString());
        tb.sh("zpool wait -t scrub ptest");
        vm.refresh();
        p = vm.pools().stream().filter(i -> i.name().equals("ptest")).findFirst().orElseThrow();
        assertEquals(ScrubState.State.FINISHED, p.scan().state());
        assertTrue(p.scanText().startsWith("Scrub finished"), p.scanText());
        tb.sh("zpool destroy ptest");
    }
}
