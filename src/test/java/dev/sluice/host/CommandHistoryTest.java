package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CommandHistoryTest {
    @Test
    void keepsTheLastEntriesAndUpdatesRunningOnesInPlace() throws Exception {
        CommandJournal journal = new CommandJournal();
        CommandHistory history = CommandHistory.attach(journal, 3);
        List<CommandJournal.State> seen = new CopyOnWriteArrayList<>();
        history.addChangeListener(e -> seen.add(e.state()));
        ProcessCommandRunner r = ProcessCommandRunner.local(Host.local(Elevation.NONE), journal);

        RunningCommand slow = r.start(Command.of("sleep", "5"), OutputListener.NONE);
        assertEquals(1, history.runningCount());
        for (int i = 0; i < 3; i++) {
            r.run(Command.of("echo", Integer.toString(i)));
        }
        assertEquals(List.of("sleep 5", "echo 1", "echo 2"), history.snapshot().stream().map(CommandJournal.Entry::shellLine).toList(),
                "the running sleep stays; the oldest finished command made room");
        slow.cancel();
        try {
            slow.result();
        } catch (CommandException.Cancelled expected) {
            // the entry is now finished
        }
        assertEquals(CommandJournal.State.CANCELLED, history.snapshot().get(0).state());
        RunningCommand quick = r.start(Command.of("sleep", "0.2"), OutputListener.NONE);
        assertEquals(List.of("echo 1", "echo 2", "sleep 0.2"), history.snapshot().stream().map(CommandJournal.Entry::shellLine).toList());
        assertEquals(CommandJournal.State.RUNNING, history.snapshot().get(2).state());
        quick.await();
        assertEquals(CommandJournal.State.SUCCEEDED, history.snapshot().get(2).state());
        assertEquals("sleep 0.2", history.snapshot().get(2).shellLine());
        assertEquals(3, history.snapshot().size());
        assertEquals(CommandJournal.State.SUCCEEDED, seen.get(seen.size() - 1));
    }
}
