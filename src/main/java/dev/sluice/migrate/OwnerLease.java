package dev.sluice.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which Sluice process runs a migration: its pid, when that process started (so a reused pid is not
 * mistaken for it), the machine's boot id (a reboot ends every lease) and a heartbeat. Only a dead owner
 * loses its lease: a record owned by a live process is never offered as interrupted nor rewritten.
 */
public record OwnerLease(long pid, Instant processStart, String bootId, Instant heartbeat) {

    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** How often a running migration refreshes its heartbeat (on progress and on every step change). */
    static final Duration BEAT = Duration.ofSeconds(5);

    /** This process, now. */
    public static OwnerLease self() {
        ProcessHandle me = ProcessHandle.current();
        return new OwnerLease(me.pid(), me.info().startInstant().orElse(null), currentBootId(), Instant.now());
    }

    public OwnerLease beat() {
        return new OwnerLease(pid, processStart, bootId, Instant.now());
    }

    public boolean ownedHere() {
        OwnerLease me = self();
        return pid == me.pid && bootId.equals(me.bootId);
    }

    /** The owner still runs: same boot, and a process with that pid that started when the owner did. */
    public boolean stillRunning() {
        if (!bootId.equals(currentBootId())) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = p.get().info().startInstant();
        // start times are rounded differently by different readers of /proc; a second covers that
        return processStart == null || started.isEmpty()
                || Duration.between(processStart, started.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0;
    }

    /** Another process that is still alive: its record must not be touched. */
    public boolean heldElsewhere() {
        return !ownedHere() && stillRunning();
    }

    public static String currentBootId() {
        try {
            return Files.readString(BOOT_ID).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
