package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.sshd.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 8: cancel really stops a local {@code pkexec} command. There is no polkit agent
 * here, so a stand-in {@code pkexec} plays the one part that matters: what it runs
 * is out of reach of Sluice's kill. Real pkexec makes it root's (EPERM for our signals); this
 * test runs as root, so the stand-in moves it out of Sluice's process tree instead ({@code setsid
 * -f}), where killing "the process and its descendants" does not find it.
 */
class PkexecCancelTest {
    @TempDir
    Path tmp;

    private ProcessCommandRunner runner() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fake = bin.resolve("pkexec");
        Files.writeString(fake, String.join("\n",
                "#!/bin/sh",
                "# stand-in for pkexec: the program runs detached, beyond the caller's kill of its process tree",
                "st=$(mktemp -u)",
                "setsid -f sh -c '\"$@\"; echo $? > \"$0\"' \"$st\" \"$@\"",
                "while [ ! -e \"$st\" ]; do sleep 0.1; done",
                "r=$(cat \"$st\"); rm -f \"$st\"; exit \"$r\"", ""));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        return ProcessCommandRunner.local(Host.local(Elevation.PKEXEC), new CommandJournal())
                .withPkexec(fake.toString());
    }

    @Test
    void cancelStopsTheProgramPkexecStarted() throws Exception {
        Path pidFile = tmp.resolve("pid");
        RunningCommand running = runner().start(Command.of("sh", "-c", "echo $$ > \"$1\"; exec sleep 421", "sh", pidFile.toString())
                .asRoot().untimed(), OutputListener.NONE);
        long pid = Long.parseLong(Sshd.awaitFile(pidFile, Duration.ofSeconds(10)));
        running.cancel();
        assertThrows(CommandException.Cancelled.class, running::result);
        assertTrue(Sshd.awaitGone(pid, Duration.ofSeconds(6)), "the program pkexec started (" + pid + ") still runs");
    }

    /** The program still gets its stdin (a passphrase for zfs load-key) and its exit status comes back. */
    @Test
    void stdinAndExitStatusPassThrough() throws Exception {
        CommandResult r = runner().start(Command.of("sh", "-c", "cat; exit 3").withSecretStdin("secret\n".getBytes()).asRoot(),
                OutputListener.NONE).result();
        assertEquals("secret\n", r.stdout());
        assertEquals(3, r.exitCode());
        assertEquals(List.of("pkexec", "sh", "-c", "cat; exit 3"), r.command().needsRoot()
                ? Host.local(Elevation.PKEXEC).elevation().wrap(r.command().argv()) : List.of(), "what the journal shows");
    }
}
