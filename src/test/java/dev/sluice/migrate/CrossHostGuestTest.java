package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which host a cross-host guest's start, stop and (un)landing act on, before and after it has landed. */
class CrossHostGuestTest {
    private static final String OLD = "/dev/zvol/a/vm/disk0";
    private static final String NEW = "/dev/zvol/b/vm/disk0";

    final List<String> log = new ArrayList<>();

    final class Source implements GuestControl {
        boolean running = true;

        @Override
        public String describe() {
            return "web";
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public void stop(StepContext ctx) {
            log.add("source stop");
            running = false;
        }

        @Override
        public void start() {
            log.add("source start");
            running = true;
        }

        @Override
        public void detach(String device) {
            log.add("source detach " + device);
        }

        @Override
        public void attach(String device) {
            log.add("source attach " + device);
        }

        @Override
        public List<List<String>> stopCommands() {
            return List.of();
        }

        @Override
        public List<List<String>> startCommands(String device) {
            return List.of();
        }

        @Override
        public List<List<String>> detachCommands(String device) {
            return List.of();
        }

        @Override
        public List<List<String>> attachCommands(String device) {
            return List.of();
        }
    }

    final class There implements Landing {
        boolean defined;
        boolean running;

        @Override
        public String describe() {
            return "web @ b";
        }

        @Override
        public void land(String device) {
            log.add("land " + device);
            defined = true;
        }

        @Override
        public void unland(String device) {
            log.add("unland " + device);
            defined = false;
        }

        @Override
        public boolean landed() {
            return defined;
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void start() {
            log.add("target start");
            running = true;
        }

        @Override
        public void stop(StepContext ctx) {
            log.add("target stop");
            running = false;
        }

        @Override
        public List<List<String>> landCommands(String device) {
            return List.of();
        }

        @Override
        public List<List<String>> startCommands(String device) {
            return List.of();
        }
    }

    @Test
    void forwardTheGuestStopsHereAndStartsThere() throws Exception {
        Source src = new Source();
        There there = new There();
        CrossHostGuest g = new CrossHostGuest(src, there, OLD);
        assertEquals(List.of(), g.planRefusals());
        g.stop(null);
        g.detach(OLD);
        g.attach(NEW);
        g.start();
        assertEquals(List.of("source stop", "source detach " + OLD, "land " + NEW, "target start"), log);
        assertTrue(g.isRunning(), "it runs, on the target");
        assertFalse(src.running, "and not on the source");
    }

    @Test
    void aRollBackUndoesInReverseAndTheGuestRunsOnTheSourceAgain() throws Exception {
        Source src = new Source();
        There there = new There();
        CrossHostGuest g = new CrossHostGuest(src, there, OLD);
        g.stop(null);
        g.detach(OLD);
        g.attach(NEW);
        log.clear();
        // the engine's undo of REPOINT_DISK, DETACH_DISK, STOP_GUEST
        g.detach(NEW);
        g.attach(OLD);
        g.start();
        assertEquals(List.of("unland " + NEW, "source attach " + OLD, "source start"), log);
        assertTrue(src.running);
        assertFalse(there.defined);
    }

    @Test
    void aGuestOfThatNameAlreadyDefinedThereRefusesThePlan() throws Exception {
        There there = new There();
        there.defined = true;
        assertEquals(1, new CrossHostGuest(new Source(), there, OLD).planRefusals().size());
    }

    @Test
    void aGuestFinishedByHandIsNeverStartedAnywhereByTheMove() throws Exception {
        ManualLanding manual = new ManualLanding("VirtualBox VM web", "b", List.of(List.of("VBoxManage", "registervm", "/x/web.vbox")));
        CrossHostGuest g = new CrossHostGuest(new Source(), manual, OLD);
        assertTrue(g.manual());
        assertEquals(List.of(), g.startCommands(NEW));
        assertTrue(g.attachCommands(NEW).toString().contains("VBoxManage registervm /x/web.vbox"), g.attachCommands(NEW).toString());
    }
}
