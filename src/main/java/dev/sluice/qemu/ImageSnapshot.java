package dev.sluice.qemu;

import java.time.Instant;

/** An internal qcow2 snapshot ({@code qemu-img snapshot -c}); {@code vmStateSize} > 0 means it holds RAM too. */
public record ImageSnapshot(String id, String name, Instant created, long vmStateSize) {
}
