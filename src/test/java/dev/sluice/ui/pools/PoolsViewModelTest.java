package dev.sluice.ui.pools;

import static dev.sluice.ui.common.testing.ScriptedZfs.V21;
import static dev.sluice.ui.common.testing.ScriptedZfs.V23;
import static dev.sluice.ui.common.testing.ScriptedZfs.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.common.testing.ScriptedZfs;
import dev.sluice.zfs.Health;
import dev.sluice.zfs.Pool;
import dev.sluice.zfs.Vdev;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PoolsViewModelTest {
    private final RecordingNotifications notes = new RecordingNotifications();

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ROOT);
        dev.sluice.ui.common.I18n.setLocale(Locale.ROOT);
    }

    private PoolsViewModel vm(ScriptedRunner host) {
        return new PoolsViewModel(new ZfsService(host), new ActionRunner(TaskExecutor.direct(), notes));
    }

    @Test
    void degradedPoolShowsHealthProblemAndVdevTreeWithTheOfflineDisk() {
        PoolsViewModel vm = vm(ScriptedZfs.degradedHost());
        vm.refresh();

        assertEquals(List.of("rpool", "tank"), vm.pools().stream().map(PoolItem::name).toList());
        PoolItem rpool = vm.pools().get(0);
        assertEquals(Health.DEGRADED, rpool.health());
        assertEquals("2 pools, 1 need attention", vm.summaryProperty().get());
        assertTrue(rpool.problemText().startsWith("One or more devices has been taken offline by the administrator."),
                rpool.problemText());
        assertTrue(rpool.problemText().contains("Online the device using 'zpool online'"));
        Vdev mirror = rpool.vdevRoot().children().get(0);
        assertEquals("mirror-0", mirror.name());
        assertEquals(Health.DEGRADED, mirror.state());
        assertEquals(Health.OFFLINE, mirror.children().get(1).state());
        assertEquals("virtio-tb-disk2", mirror.children().get(1).name());
        assertEquals(0, mirror.children().get(1).readErrors());
        assertEquals("", vm.emptyTitleProperty().get());
        assertEquals(Health.ONLINE, vm.pools().get(1).health());
    }

    @Test
    void healthyPoolsShowCapacityFragmentationAndDedup() {
        PoolsViewModel vm = vm(ScriptedZfs.host(V23));
        vm.refresh();
        PoolItem tank = vm.pools().get(1);
        assertEquals("2 pools, all healthy", vm.summaryProperty().get());
        assertEquals("220.3 MiB of 960.0 MiB used (22 %), 739.7 MiB free", tank.capacityText());
        assertEquals(PoolItem.CapacityLevel.NORMAL, tank.capacityLevel());
        assertEquals("6 %", tank.fragmentationText());
        assertEquals("1.00×", tank.dedupText());
        assertEquals("Never scrubbed. A monthly scrub finds silent corruption early.", tank.scanText());
        assertTrue(tank.canStartScrub());
        assertFalse(tank.canStopScrub());
        assertFalse(vm.anyScanRunning(), "nothing to poll for");
    }

    @Test
    void openZfs21ShowsTheTreeButSaysScrubStateNeedsNewerZfs() {
        PoolsViewModel vm = vm(ScriptedZfs.host(V21));
        vm.refresh();
        PoolItem rpool = vm.pools().get(0);
        assertEquals(List.of("virtio-tb-disk1", "virtio-tb-disk2"),
                rpool.vdevRoot().children().get(0).children().stream().map(Vdev::name).toList());
        assertFalse(rpool.vdevRoot().children().get(0).errorsKnown());
        assertTrue(rpool.scanText().startsWith("Scrub status needs OpenZFS 2.3"), rpool.scanText());
    }

    @Test
    void runningScrubShowsProgressAndOffersStop() {
        PoolsViewModel vm = vm(dev.sluice.ui.common.testing.DemoHost.create());
        vm.refresh();
        PoolItem tank = vm.pools().stream().filter(p -> p.name().equals("tank")).findFirst().orElseThrow();
        assertTrue(tank.scrubRunning());
        assertTrue(tank.canStopScrub());
        assertFalse(tank.canStartScrub());
        assertEquals(0.63, tank.scanFraction(), 0.001);
        assertTrue(tank.scanText().startsWith("Scrub in progress: 63 % (19.8 TiB of 31.4 TiB), started "), tank.scanText());
        assertTrue(vm.anyScanRunning());
        PoolItem backup = vm.pools().get(0);
        assertEquals("backup", backup.name());
        assertEquals(PoolItem.CapacityLevel.CRITICAL, backup.capacityLevel());
        assertTrue(backup.scanText().startsWith("Scrub finished ") && backup.scanText().endsWith(", 12 errors found"), backup.scanText());
    }

    @Test
    void followsTheSelectedHostAndSaysSoWhenNoneIsConnected() {
        javafx.beans.property.ObjectProperty<dev.sluice.host.CommandRunner> runner = new javafx.beans.property.SimpleObjectProperty<>();
        PoolsViewModel vm = new PoolsViewModel(runner, new ActionRunner(TaskExecutor.direct(), notes));
        vm.refresh();
        assertEquals("Not connected to a host", vm.emptyTitleProperty().get());
        runner.set(ScriptedZfs.degradedHost());
        assertEquals(Health.DEGRADED, vm.pools().get(0).health(), "a new host is read at once");
        runner.set(ScriptedZfs.host(V21));
        assertEquals(Health.ONLINE, vm.pools().get(0).health());
        runner.set(null);
        assertTrue(vm.pools().isEmpty());
        assertEquals("Not connected to a host", vm.emptyTitleProperty().get());
    }

    @Test
    void aSlowAnswerFromThePreviousHostDoesNotOverwriteTheNewOne() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        TaskExecutor manual = new TaskExecutor() {
            @Override
            public void background(Runnable work) {
                queued.add(work);
            }

            @Override
            public void ui(Runnable callback) {
                callback.run();
            }
        };
        javafx.beans.property.ObjectProperty<dev.sluice.host.CommandRunner> runner =
                new javafx.beans.property.SimpleObjectProperty<>(ScriptedZfs.degradedHost());
        PoolsViewModel vm = new PoolsViewModel(runner, new ActionRunner(manual, notes));
        vm.refresh();
        runner.set(ScriptedZfs.host(V21));
        assertEquals(2, queued.size());
        queued.get(1).run();
        queued.get(0).run();
        assertEquals(Health.ONLINE, vm.pools().get(0).health(), "the degraded host's late answer was dropped");
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void capacityBarWarnsAt80AndIsCriticalAt95Percent() {
        assertEquals(PoolItem.CapacityLevel.NORMAL, item(79).capacityLevel());
        assertEquals(PoolItem.CapacityLevel.WARNING, item(80).capacityLevel());
        assertEquals(PoolItem.CapacityLevel.WARNING, item(94).capacityLevel());
        assertEquals(PoolItem.CapacityLevel.CRITICAL, item(95).capacityLevel());
    }

    private static PoolItem item(int cap) {
        return new PoolItem(new Pool("tank", 1000, cap * 10L, 1000 - cap * 10L, 3, cap, 1.0, Health.ONLINE, null, "1"), null);
    }

    @Test
    void noPoolsSaysSoAndHowToCreateOne() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        // zpool list -H prints nothing when no pool is imported (the human form says "no pools available")
        host.on(ScriptedZfs.argv(ZfsCommands.pools())).stdout("");
        PoolsViewModel vm = vm(host);
        vm.refresh();
        assertTrue(vm.pools().isEmpty());
        assertEquals("No pools on this host", vm.emptyTitleProperty().get());
        assertTrue(vm.emptyTextProperty().get().contains("zpool create"));
        assertTrue(vm.emptyTextProperty().get().contains("connect to another host"));
        assertTrue(vm.emptyCommandProperty().get().startsWith("zpool create "));
    }

    @Test
    void zfsNotInstalledShowsTheInstallHint() {
        ScriptedRunner host = new ScriptedRunner();
        host.notInstalled("zpool");
        host.notInstalled("zfs");
        PoolsViewModel vm = vm(host);
        vm.refresh();
        assertEquals("ZFS is not installed on this host", vm.emptyTitleProperty().get());
        assertTrue(vm.emptyTextProperty().get().contains("apt install zfsutils-linux"), vm.emptyTextProperty().get());
        assertTrue(notes.errors().isEmpty(), "the empty state says it; no extra error toast");
    }

    @Test
    void startScrubShowsTheExactCommandThenRunsItNotifiesAndRefreshes() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zpool", "scrub", "rpool").ok();
        PoolsViewModel vm = vm(host);
        vm.refresh();
        ConfirmableAction a = vm.startScrub(vm.pools().get(0)).orElseThrow();
        assertEquals("zpool scrub rpool", a.plan().shellText());
        assertFalse(a.plan().destructive());
        int before = host.ran().size();

        vm.perform(a);

        List<List<String>> after = host.ranArgv().subList(before, host.ranArgv().size());
        assertEquals(List.of("zpool", "scrub", "rpool"), after.get(0));
        assertTrue(after.contains(ZfsCommands.pools().argv()), "refreshed after the scrub");
        assertEquals(Notifications.Kind.SUCCESS, notes.last().kind());
        assertEquals("Scrub of rpool started.", notes.last().text());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void stopScrubRunsZpoolScrubMinusS() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zpool", "scrub", "-s", "tank").ok();
        PoolsViewModel vm = vm(host);
        vm.refresh();
        ConfirmableAction a = vm.stopScrub(vm.pools().get(1)).orElseThrow();
        assertEquals("zpool scrub -s tank", a.plan().shellText());
        vm.perform(a);
        assertTrue(host.ranArgv().contains(List.of("zpool", "scrub", "-s", "tank")));
        assertEquals("Scrub of tank stopped.", notes.last().text());
    }

    @Test
    void scrubWithoutRootShowsThePermissionMessageNotAStackTrace() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on("zpool", "scrub", "rpool").fail(1, fixture(V23, "nonroot-zpool-scrub.txt"));
        PoolsViewModel vm = vm(host);
        vm.refresh();
        vm.perform(vm.startScrub(vm.pools().get(0)).orElseThrow());
        String msg = notes.errors().get(notes.errors().size() - 1);
        assertTrue(msg.toLowerCase(Locale.ROOT).contains("permission denied"), msg);
        assertFalse(msg.contains("Exception"), msg);
        assertFalse(msg.contains("\tat "), msg);
        assertEquals(2, vm.pools().size(), "still refreshed");
    }

    @Test
    void unreadableStatusIsAnErrorStateWithTheMessage() {
        ScriptedRunner host = ScriptedZfs.host(V23);
        host.on(ScriptedZfs.argv(ScriptedZfs.statusJson("tank"))).fail(1, "cannot open 'tank': no such pool\n");
        PoolsViewModel vm = vm(host);
        vm.refresh();
        assertEquals("Cannot read the pools", vm.emptyTitleProperty().get());
        assertTrue(vm.emptyTextProperty().get().contains("tank"), vm.emptyTextProperty().get());
        assertEquals(1, notes.errors().size());
    }
}
