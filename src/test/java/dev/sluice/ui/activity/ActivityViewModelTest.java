package dev.sluice.ui.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Activity table's state, without a screen: journal events in, rows out. */
class ActivityViewModelTest {
    private final ScriptedRunner runner = new ScriptedRunner();
    private final ActivityViewModel vm = new ActivityViewModel(runner.journal(), TaskExecutor.direct(), CommandCanceller.NONE);

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    @Test
    void everyCommandBecomesARowThatFollowsItsState() throws Exception {
        runner.on("zfs", "list", "-H", "-o", "name").stdout("rpool\n");
        runner.on("zfs", "destroy", "tank/vm 1").fail(1, "cannot destroy 'tank/vm 1': dataset is busy\n");
        runner.run(Command.of("zfs", "list", "-H", "-o", "name"));
        assertThrows(CommandException.Failed.class, () -> runner.run(Command.of("zfs", "destroy", "tank/vm 1")));

        assertEquals(2, vm.rows().size());
        ActivityRow ok = vm.rows().get(0);
        assertEquals(CommandJournal.State.SUCCEEDED, ok.state());
        assertEquals(0, ok.exitCode());
        ActivityRow failed = vm.rows().get(1);
        assertEquals(CommandJournal.State.FAILED, failed.state());
        assertEquals(1, failed.exitCode());
        assertEquals("zfs destroy 'tank/vm 1'", failed.shellLine());
        assertEquals("cannot destroy 'tank/vm 1': dataset is busy", failed.stderrSummary());
        assertEquals("Local host", failed.host());
        assertEquals(0, vm.runningCountProperty().get());
    }

    @Test
    void copyAsShellQuotesHostileArguments() throws Exception {
        List<String> argv = List.of("zfs", "snapshot", "tank/it's $HOME;rm -rf /@snap`x`", "a\nb", "ünï");
        runner.on(argv.toArray(String[]::new)).ok();
        runner.run(Command.of(argv));
        String line = vm.shellLine(vm.rows().get(0));
        assertEquals("zfs snapshot 'tank/it'\\''s $HOME;rm -rf /@snap`x`' 'a\nb' 'ünï'", line);
        // and sh reads it back to the very same argv
        Process p = new ProcessBuilder("sh", "-c", "for a in " + line.substring(line.indexOf(' ') + 1) + "; do printf '%s\\0' \"$a\"; done").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(argv.subList(1, argv.size()), List.of(out.split("\0")));
    }

    @Test
    void secretStdinNeverShows() throws Exception {
        runner.on("zfs", "load-key", "tank/secure").ok();
        runner.run(Command.of("zfs", "load-key", "tank/secure").withSecretStdin("correct horse battery".getBytes(StandardCharsets.UTF_8)));
        ActivityRow r = vm.rows().get(0);
        assertTrue(r.stdinSecret());
        String details = vm.details(r);
        assertFalse(details.contains("correct horse"), details);
        assertTrue(details.contains("(secret input on stdin: not shown, not logged)"), details);
        assertEquals("zfs load-key tank/secure", vm.shellLine(r));
    }

    @Test
    void filterMatchesEveryWordInCommandHostStateOrStderr() throws Exception {
        runner.on("zfs", "list").ok().on("qemu-img", "info", "/vm/a.qcow2").fail(1, "Could not open '/vm/a.qcow2'");
        runner.run(Command.of("zfs", "list"));
        assertThrows(CommandException.class, () -> runner.run(Command.of("qemu-img", "info", "/vm/a.qcow2")));
        vm.filterProperty().set("QEMU failed");
        assertEquals(1, vm.visibleRows().size());
        vm.filterProperty().set("could not open");
        assertEquals(1, vm.visibleRows().size());
        vm.filterProperty().set("local zfs");
        assertEquals(List.of("zfs list"), vm.visibleRows().stream().map(ActivityRow::shellLine).toList());
        vm.filterProperty().set("");
        assertEquals(2, vm.visibleRows().size());
    }

    @Test
    void historyIsCappedButRunningCommandsStay() {
        ActivityViewModel small = new ActivityViewModel(runner.journal(), TaskExecutor.direct(), CommandCanceller.NONE, 3);
        runner.on("sleep", "100").hangs();
        runner.otherwise().ok();
        RunningCommand hanging = runner.start(Command.of("sleep", "100"), OutputListener.NONE);
        for (int i = 0; i < 5; i++) {
            runner.start(Command.of("echo", String.valueOf(i)), OutputListener.NONE);
        }
        assertEquals(List.of("sleep 100", "echo 3", "echo 4"), small.rows().stream().map(ActivityRow::shellLine).toList());
        assertEquals(1, small.runningCountProperty().get());
        hanging.cancel();
        assertEquals(CommandJournal.State.CANCELLED, small.rows().get(0).state());
        assertEquals(0, small.runningCountProperty().get());
    }

    @Test
    void cancelReachesTheRunningCommand() {
        Map<Long, RunningCommand> byId = new ConcurrentHashMap<>();
        List<Long> ids = new ArrayList<>();
        runner.journal().addListener(e -> ids.add(e.id()));
        CommandCanceller canceller = new CommandCanceller() {
            @Override
            public boolean canCancel(long id) {
                return byId.containsKey(id) && !byId.get(id).future().isDone();
            }

            @Override
            public void cancel(long id) {
                byId.get(id).cancel();
            }
        };
        ActivityViewModel withCancel = new ActivityViewModel(runner.journal(), TaskExecutor.direct(), canceller);
        runner.on("zfs", "send", "tank/vm@a").hangs();
        RunningCommand send = runner.start(Command.of("zfs", "send", "tank/vm@a"), OutputListener.NONE);
        byId.put(ids.get(0), send);

        ActivityRow row = withCancel.rows().get(0);
        withCancel.selectedProperty().set(row);
        assertTrue(withCancel.selectionCancellable().get());
        withCancel.cancel(row);
        assertTrue(send.future().isCompletedExceptionally());
        assertEquals(CommandJournal.State.CANCELLED, withCancel.rows().get(0).state());
        assertEquals(CommandJournal.State.CANCELLED, withCancel.selectedProperty().get().state(), "the selection follows the update");
        assertFalse(withCancel.selectionCancellable().get());
    }

    @Test
    void eventsFromOtherThreadsGoThroughTheExecutor() {
        List<Runnable> queued = new ArrayList<>();
        TaskExecutor later = new TaskExecutor() {
            @Override
            public void background(Runnable work) {
                work.run();
            }

            @Override
            public void ui(Runnable callback) {
                queued.add(callback);
            }
        };
        ActivityViewModel deferred = new ActivityViewModel(runner.journal(), later, CommandCanceller.NONE);
        runner.on("true").ok();
        runner.start(Command.of("true"), OutputListener.NONE);
        assertEquals(0, deferred.rows().size(), "nothing changes off the UI side");
        queued.forEach(Runnable::run);
        assertEquals(CommandJournal.State.SUCCEEDED, deferred.rows().get(0).state());
        deferred.dispose();
        runner.start(Command.of("true"), OutputListener.NONE);
        assertEquals(2, queued.size(), "a disposed model stops listening");
    }

    @Test
    void durationsReadLikeAnAdminWouldSayThem() {
        assertEquals("0.04 s", ActivityViewModel.formatDuration(java.time.Duration.ofMillis(40)));
        assertEquals("12 s", ActivityViewModel.formatDuration(java.time.Duration.ofSeconds(12)));
        assertEquals("2 min 05 s", ActivityViewModel.formatDuration(java.time.Duration.ofSeconds(125)));
        assertEquals("1 h 02 min", ActivityViewModel.formatDuration(java.time.Duration.ofMinutes(62)));
    }

}
