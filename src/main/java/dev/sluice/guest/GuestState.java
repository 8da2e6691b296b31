package dev.sluice.guest;

import dev.sluice.libvirt.LibvirtState;
import dev.sluice.qemu.QemuVmState;
import dev.sluice.vbox.VBoxVmState;

/**
 * A guest's state in the few words every hypervisor shares, so one list can colour them alike.
 * BUSY: starting, stopping, saving; FAILED: crashed, aborted, guru meditation.
 */
public enum GuestState {
    RUNNING, PAUSED, STOPPED, SAVED, BUSY, FAILED;

    public boolean canStart() {
        return this == STOPPED || this == SAVED || this == FAILED;
    }

    public boolean canStop() {
        return this == RUNNING || this == PAUSED;
    }

    public static GuestState of(VBoxVmState s) {
        return switch (s) {
            case RUNNING -> RUNNING;
            case PAUSED -> PAUSED;
            case POWEROFF, TELEPORTED -> STOPPED;
            case SAVED -> SAVED;
            case ABORTED, ABORTED_SAVED, GURU_MEDITATION -> FAILED;
            default -> BUSY;
        };
    }

    public static GuestState of(LibvirtState s) {
        return switch (s) {
            case RUNNING, BLOCKED -> RUNNING;
            case PAUSED, PM_SUSPENDED -> PAUSED;
            case SHUT_OFF -> STOPPED;
            case SAVED -> SAVED;
            case CRASHED -> FAILED;
            case SHUTTING_DOWN, NOSTATE -> BUSY;
        };
    }

    public static GuestState of(QemuVmState s) {
        return switch (s) {
            case RUNNING -> RUNNING;
            case PAUSED -> PAUSED;
            case STOPPED -> STOPPED;
            case CRASHED -> FAILED;
            case STARTING, STOPPING -> BUSY;
        };
    }
}
