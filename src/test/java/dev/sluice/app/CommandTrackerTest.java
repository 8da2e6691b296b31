package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.Runners;
import dev.sluice.host.RunningCommand;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The Activity view's Cancel reaches a real running process through the tracker. */
class CommandTrackerTest {

    @Test
    void cancelsARealRunningCommandByItsJournalId() throws Exception {
        CommandJournal journal = new CommandJournal();
        List<CommandJournal.Entry> seen = new CopyOnWriteArrayList<>();
        journal.addListener(seen::add);
        CommandTracker tracker = new CommandTracker(journal);
        CommandRunner runner = tracker.track(Runners.forHost(Host.local(Elevation.NONE), journal));

        RunningCommand sleep = runner.start(Command.of("sleep", "30"), OutputListener.NONE);
        long id = seen.get(0).id();
        assertTrue(tracker.canCancel(id));
        tracker.cancel(id);
        assertThrows(CommandException.Cancelled.class, sleep::result);
        assertFalse(tracker.canCancel(id));
        assertEquals(CommandJournal.State.CANCELLED, seen.get(seen.size() - 1).state());
    }

    @Test
    void finishedCommandsCannotBeCancelled() throws Exception {
        CommandJournal journal = new CommandJournal();
        CommandTracker tracker = new CommandTracker(journal);
        List<Long> ids = new CopyOnWriteArrayList<>();
        journal.addListener(e -> ids.add(e.id()));
        tracker.track(Runners.forHost(Host.local(Elevation.NONE), journal)).run(Command.of("true"));
        assertFalse(tracker.canCancel(ids.get(0)));
    }

    @Test
    void interactiveStartsReachTheRealRunner() throws Exception {
        // QMP on an SSH host talks through socat's stdin: the app's tracked runner must pass this through
        CommandJournal journal = new CommandJournal();
        List<CommandJournal.Entry> seen = new CopyOnWriteArrayList<>();
        journal.addListener(seen::add);
        CommandTracker tracker = new CommandTracker(journal);
        CommandRunner runner = tracker.track(Runners.forHost(Host.local(Elevation.NONE), journal));
        List<String> lines = new CopyOnWriteArrayList<>();
        RunningCommand cat = runner.startInteractive(Command.of("cat").untimed(), new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                lines.add(line);
            }
        });
        assertTrue(tracker.canCancel(seen.get(0).id()), "Activity can cancel an interactive command too");
        cat.stdin().write("{\"execute\":\"qmp_capabilities\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        cat.stdin().close();
        cat.await();
        assertEquals(List.of("{\"execute\":\"qmp_capabilities\"}"), lines);
    }
}
