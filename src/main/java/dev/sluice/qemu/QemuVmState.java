package dev.sluice.qemu;

import java.util.EnumSet;
import java.util.Set;

/**
 * A QEMU VM's lifecycle as the VMs view shows it. {@link #next()} lists the legal moves;
 * {@link QemuVmLifecycle} enforces them with compare-and-set.
 */
public enum QemuVmState {
    STOPPED, STARTING, RUNNING, PAUSED, STOPPING, CRASHED;

    public Set<QemuVmState> next() {
        return switch (this) {
            case STOPPED -> EnumSet.of(STARTING, RUNNING, PAUSED);          // RUNNING/PAUSED: re-attached after a restart
            case STARTING -> EnumSet.of(RUNNING, PAUSED, STOPPED, CRASHED);
            case RUNNING -> EnumSet.of(PAUSED, STOPPING, STOPPED, CRASHED); // STOPPED: the guest shut itself down
            case PAUSED -> EnumSet.of(RUNNING, STOPPING, STOPPED, CRASHED);
            case STOPPING -> EnumSet.of(STOPPED, CRASHED);
            case CRASHED -> EnumSet.of(STARTING, STOPPED, RUNNING, PAUSED);
        };
    }

    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == STARTING || this == STOPPING;
    }

    public boolean canStart() {
        return this == STOPPED || this == CRASHED;
    }

    public boolean canStop() {
        return this == RUNNING || this == PAUSED;
    }
}
