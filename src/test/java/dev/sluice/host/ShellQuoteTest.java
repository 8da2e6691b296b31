package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** "Copy as shell" must give back the same argv, byte for byte, when a real shell runs it. */
class ShellQuoteTest {
    private final ProcessCommandRunner runner = ProcessCommandRunner.local(Host.local(Elevation.NONE), new CommandJournal());

    @ParameterizedTest
    @ValueSource(strings = {"sh", "dash", "bash"})
    void aRealShellReproducesTheArgv(String shell) throws Exception {
        List<String> args = HostileStrings.generate(42 + shell.hashCode(), 400);
        for (int from = 0; from < args.size(); from += 100) {
            List<String> chunk = args.subList(from, Math.min(args.size(), from + 100));
            List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
            argv.addAll(chunk);
            String line = Command.of(argv).toShell();
            CommandResult r = runner.run(Command.of(shell, "-c", line));
            assertEquals(new String(HostileStrings.nulTerminated(chunk), StandardCharsets.UTF_8), r.stdout(), line);
        }
    }

    @Test
    void plainWordsStayPlain() {
        assertEquals("zfs list -Hp -o name,used tank/vm-1@2024-01-01", ShellQuote.join(List.of("zfs", "list", "-Hp", "-o", "name,used", "tank/vm-1@2024-01-01")));
        assertEquals("zfs send 'pool/my vm@s 1' | zfs receive -F backup/vm", ShellQuote.pipeline(List.of(
                List.of("zfs", "send", "pool/my vm@s 1"), List.of("zfs", "receive", "-F", "backup/vm"))));
        assertEquals("echo '' 'it'\\''s' '$HOME' '=x'", ShellQuote.join(List.of("echo", "", "it's", "$HOME", "=x")));
    }

    /** A program called {@code FOO=1} or {@code if} would be an assignment or a keyword unquoted. */
    @Test
    void theProgramNameIsNeverAnAssignmentOrKeyword() throws Exception {
        assertEquals("'FOO=1' x", ShellQuote.join(List.of("FOO=1", "x")));
        assertEquals("'if' x", ShellQuote.join(List.of("if", "x")));
        CommandResult r = runner.runAllowingFailure(Command.of("sh", "-c", ShellQuote.join(List.of("FOO=1", "x"))));
        assertEquals(127, r.exitCode(), "sh looked for a program named FOO=1: " + r.stderr());
    }
}
