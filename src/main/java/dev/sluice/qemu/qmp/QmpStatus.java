package dev.sluice.qemu.qmp;

/** {@code query-status}: {@code status} is QEMU's RunState ("running", "paused", "shutdown", "internal-error", ...). */
public record QmpStatus(String status, boolean running) {
}
