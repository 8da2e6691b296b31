package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupGateTest {

    @Test
    void backgroundWorkWaitsForTheFirstFrameThenRunsInOrderAndLaterWorkRunsAtOnce() {
        List<String> ran = new ArrayList<>();
        StartupGate gate = new StartupGate(TaskExecutor.direct());
        gate.background(() -> ran.add("probe"));
        gate.background(() -> ran.add("pools"));
        gate.ui(() -> ran.add("callback"));
        assertEquals(List.of("callback"), ran, "callbacks are not held");
        assertFalse(gate.isOpen());

        gate.open();
        assertEquals(List.of("callback", "probe", "pools"), ran);
        gate.background(() -> ran.add("refresh"));
        gate.open();
        assertEquals(List.of("callback", "probe", "pools", "refresh"), ran, "open twice runs nothing twice");
        assertTrue(gate.isOpen());
    }
}
