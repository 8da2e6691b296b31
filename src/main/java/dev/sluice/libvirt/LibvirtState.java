package dev.sluice.libvirt;

/**
 * A domain's state as libvirt numbers it ({@code virDomainState}, printed by {@code domstats --state} as
 * {@code state.state}), with the one shut-off reason that matters here: saved ({@code state.reason} 5, {@code VIR_DOMAIN_SHUTOFF_SAVED}, with
 * shut off: a managed save waits to be resumed).
 */
public enum LibvirtState {
    NOSTATE, RUNNING, BLOCKED, PAUSED, SHUTTING_DOWN, SHUT_OFF, CRASHED, PM_SUSPENDED, SAVED;

    static LibvirtState of(int state, int reason) {
        return switch (state) {
            case 1 -> RUNNING;
            case 2 -> BLOCKED;
            case 3 -> PAUSED;
            case 4 -> SHUTTING_DOWN;
            case 5 -> reason == 5 ? SAVED : SHUT_OFF;
            case 6 -> CRASHED;
            case 7 -> PM_SUSPENDED;
            default -> NOSTATE;
        };
    }

    /** QEMU runs, so it holds the domain's disks open. */
    public boolean isActive() {
        return this == RUNNING || this == BLOCKED || this == PAUSED || this == SHUTTING_DOWN || this == PM_SUSPENDED;
    }
}
