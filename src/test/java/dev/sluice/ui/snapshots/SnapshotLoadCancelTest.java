package dev.sluice.ui.snapshots;

import static dev.sluice.ui.snapshots.SnapshotHost.DS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
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

    /** The host's answers, except that the whole host's listing runs until it is cancelled. */
    static final class SlowWholeHost implements CommandRunner {
        final ScriptedRunner host;
        final List<String> wholeHost;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch killed = new CountDownLatch(1);

        SlowWholeHost() throws Exception {
            host = SnapshotHost.scenario();
            wholeHost = ZfsCommands.snapshots(null).argv();
        }

        @Override
        public Host host() {
            return host.host();
        }

        @Override
        public RunningCommand start(Command command, OutputListener listener) {
            if (!command.argv().equals(wholeHost)) {
                return host.start(command, listener);
            }
            CompletableFuture<CommandResult> result = new CompletableFuture<>();
            started.countDown();
            return new RunningCommand() {
                @Override
                public Command command() {
                    return command;
                }

                @Override
                public CompletableFuture<CommandResult> future() {
                    return result;
                }

                @Override
                public void cancel() {
                    killed.countDown();
                    result.completeExceptionally(new CancellationException("killed"));
                }
            };
        }

        @Override
        public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
            return host.startPipeline(stages, listeners);
        }
    }

    @Test
    void stoppingTheWholeHostsListingEndsZfsAndKeepsWhatWasShown() throws Exception {
        SlowWholeHost runner = new SlowWholeHost();
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
        assertTrue(runner.started.await(10, TimeUnit.SECONDS), "the whole host's zfs list runs");
        assertTrue(vm.loadingProperty().get());
        vm.cancelLoad();
        assertTrue(runner.killed.await(10, TimeUnit.SECONDS), "zfs list is ended");
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
}
