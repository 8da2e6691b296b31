package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalRunnerSmokeTest {
    private final ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());

    @Test
    void runsArgvAndCapturesOutput() throws Exception {
        CommandResult r = runner.run(Command.of("printf", "%s|", "a b", "$x").withStdin("ignored".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a b|$x|", r.stdout());
    }

    @Test
    void missingProgramIsNotInstalled() {
        assertThrows(CommandException.NotInstalled.class, () -> runner.run(Command.of("no-such-tool-sluice")));
    }

    @Test
    void localPipelineConnectsStages() throws Exception {
        List<CommandResult> rs = runner.startPipeline(List.of(Command.of("printf", "b\\na\\n"), Command.of("sort")), List.of()).await();
        assertEquals("a\nb\n", rs.get(1).stdout());
    }
}
