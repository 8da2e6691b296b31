package dev.sluice.qemu.live;

import java.time.Duration;

/**
 * What the copy phase of a live move measured: how long the guest's CPUs were stopped (QEMU's own STOP and
 * RESUME event times), the copy rounds run while it ran, and the bytes copied while it ran and while it was paused.
 */
public record LivePause(Duration paused, int rounds, long copiedRunning, long copiedPaused) {
}
