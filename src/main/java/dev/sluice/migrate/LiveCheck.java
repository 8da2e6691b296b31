package dev.sluice.migrate;

import dev.sluice.qemu.live.LiveSupport;

/**
 * Whether a disk can move live, and if not, why, in the admin's words: the planner's choice and the wizard's
 * "Live (no shutdown)" option use the same answer. Blocking (asks the guest's QEMU).
 */
public record LiveCheck(boolean possible, String why) {

    public static LiveCheck of(GuestRef guest, GuestControl gc) {
        if (!guest.present()) {
            return new LiveCheck(false, MigrationText.t("migrate.live.noGuest"));
        }
        if (guest.hypervisor() != GuestRef.Hypervisor.QEMU || !(gc instanceof LiveGuest live)) {
            return new LiveCheck(false, MigrationText.t("migrate.live.onlyQemu", guest.vmName()));
        }
        if (!guest.wasRunning() || !running(gc)) {
            return new LiveCheck(false, MigrationText.t("migrate.live.notRunning", guest.vmName()));
        }
        try {
            LiveSupport s = live.liveSupport();
            if (!s.possible()) {
                return new LiveCheck(false, MigrationText.t("migrate.live.qemuCannot", s.qemuVersion(), String.join(", ", s.missing())));
            }
            return new LiveCheck(true, MigrationText.t("migrate.live.possible", guest.vmName(), s.qemuVersion()));
        } catch (Exception e) {
            return new LiveCheck(false, MigrationText.t("migrate.live.noAnswer", guest.vmName(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static boolean running(GuestControl gc) {
        try {
            return gc.isRunning();
        } catch (Exception e) {
            return false;
        }
    }
}
