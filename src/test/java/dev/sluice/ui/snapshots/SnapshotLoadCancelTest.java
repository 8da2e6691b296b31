package dev.sluice.ui.snapshots;

import static dev.sluice.ui.snapshots.SnapshotHost.DS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.CommandJournal;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole host's listing can take minutes on a big host (zfs prints nothing until it has read every snapshot):
 * it can be stopped, which ends the {@code zfs list} process and leaves the view as it was, saying so.
 */
class SnapshotLoadCancelTest {
    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
        dev.sluice.ui.common.I18n.setLocale(Locale.ENGLISH);
    }

    @Test
    void stoppingTheWholeHostsListingEndsZfsAndKeepsWhatWasShown() throws Exception {
        ScriptedRunner runner = SnapshotHost.scenario();
        List<String> wholeHost = ZfsCommands.snapshots(null).argv();
        runner.on(wholeHost.toArray(String[]::new)).hangs(); // the whole host's listing runs until it is cancelled
        CountDownLatch killed = new CountDownLatch(1);
        runner.journal().addListener(e -> {
            if (e.argv().equals(wholeHost) && e.state() == CommandJournal.State.CANCELLED) {
                killed.countDown();
            }
        });
        LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>(); // this test's thread plays the FX thread
        CountDownLatch backgroundDone = new CountDownLatch(2);
        TaskExecutor executor = new TaskExecutor() {
            @Override
            public void background(Runnable work) {
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        work.run();
                    } finally {
                        backgroundDone.countDown();
                    }
                });
            }

            @Override
            public void ui(Runnable callback) {
                fx.add(callback);
            }
        };
        SnapshotTimelineViewModel vm = new SnapshotTimelineViewModel(new ZfsService(runner), executor, new ScriptedDialogs(),
                new RecordingNotifier(), dev.sluice.ui.snapshots.ZvolUsage.NONE, SnapshotTimelineViewModelTest.CLOCK);
        vm.show(List.of(DS));
        fx.poll(10, TimeUnit.SECONDS).run(); // its listing lands
        assertEquals(4, vm.snapshots().size());
        assertFalse(vm.loadingProperty().get());

        vm.showHost();
        assertTrue(waitFor(() -> runner.ranArgv().contains(wholeHost)), "the whole host's zfs list runs");
        assertTrue(vm.loadingProperty().get());
        vm.cancelLoad();
        assertTrue(killed.await(10, TimeUnit.SECONDS), "zfs list is ended");
        assertFalse(vm.loadingProperty().get());
        assertEquals("Listing stopped. What was shown before is still shown; Refresh (F5) lists again.",
                vm.loadErrorProperty().get());

        assertTrue(backgroundDone.await(10, TimeUnit.SECONDS));
        for (Runnable r; (r = fx.poll(200, TimeUnit.MILLISECONDS)) != null; ) {
            r.run(); // the stopped listing's callbacks: they change nothing
        }
        assertFalse(vm.loadingProperty().get());
        assertEquals(4, vm.snapshots().size(), "what was shown before stays");
        assertTrue(vm.loadErrorProperty().get().startsWith("Listing stopped"));
        vm.cancelLoad(); // nothing running: nothing happens
        assertTrue(vm.loadErrorProperty().get().startsWith("Listing stopped"));

        // the chooser's datasets arrive later (minutes on a big host): that clears its own failures, not this notice
        vm.loadDatasets();
        assertTrue(vm.datasetsLoadingProperty().get());
        fx.poll(10, TimeUnit.SECONDS).run();
        assertFalse(vm.datasetsLoadingProperty().get());
        assertFalse(vm.datasets().isEmpty());
        assertTrue(vm.loadErrorProperty().get().startsWith("Listing stopped"));
    }

    private static boolean waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 1000 && !done.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        return done.getAsBoolean();
    }
}
