package dev.sluice.migrate;

import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmState;
import java.time.Duration;
import java.util.List;

/**
 * A Sluice-defined QEMU guest: stopping is ACPI power-down then quit; the disk is re-pointed by
 * changing the drive's device in the VM definition (QEMU reads it at the next start), and pointed back
 * at the old device when a roll back undoes that.
 */
public final class QemuGuest implements GuestControl {
    private final QemuVmService qemu;
    private final String name;
    /** The device the drive uses before the migration. */
    private final String oldDevice;
    private final Duration shutdownTimeout;

    public QemuGuest(QemuVmService qemu, String name, String oldDevice, Duration shutdownTimeout) {
        this.qemu = qemu;
        this.name = name;
        this.oldDevice = oldDevice;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public String describe() {
        return MigrationText.t("migrate.guest.qemu", name);
    }

    @Override
    public boolean isRunning() {
        return runs(qemu.state(name));
    }

    /** Up, or on its way up: what a migration stops before it moves the disk (and what it never undoes under). */
    static boolean runs(QemuVmState s) {
        return s == QemuVmState.RUNNING || s == QemuVmState.PAUSED || s == QemuVmState.STARTING;
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        if (isRunning()) {
            ctx.note(MigrationText.t("migrate.guest.qemuPowerdown", shutdownTimeout.toSeconds()));
            QemuVmService.StopOutcome o = qemu.stop(name, shutdownTimeout);
            ctx.note(MigrationText.t(o == QemuVmService.StopOutcome.GRACEFUL ? "migrate.guest.qemuShutDown" : "migrate.guest.qemuQuit"));
        }
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            qemu.start(name);
        }
    }

    /**
     * QEMU opens the device only while running and the guest is stopped here: nothing holds the zvol, so
     * detaching from the old device does nothing. Detaching from another device (the undo of the re-point
     * during a roll back) puts the drive back on the old device, where the guest's data still is.
     */
    @Override
    public void detach(String device) throws Exception {
        if (device.equals(oldDevice)) {
            return;
        }
        definition(device).withZvolMoved(List.of(device), oldDevice).ifPresent(qemu.store()::save);
    }

    @Override
    public void attach(String device) throws Exception {
        qemu.store().save(repointed(definition(device), device));
    }

    private QemuVmDefinition definition(String device) {
        return qemu.store().find(name).orElseThrow(() -> new IllegalStateException(
                MigrationText.t("migrate.guest.qemuGone", name, device)));
    }

    /** The definition with its drive on {@code device}: moved from the old device, or already there. */
    private QemuVmDefinition repointed(QemuVmDefinition def, String device) {
        return def.withZvolMoved(List.of(oldDevice, device), device).orElseThrow(() -> new IllegalStateException(
                MigrationText.t("migrate.guest.qemuNoDrive", name, oldDevice, device)));
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(List.of("# " + MigrationText.t("migrate.guest.qmpPowerdown", name)),
                List.of("# " + MigrationText.t("migrate.guest.qmpWait", shutdownTimeout.toSeconds())));
    }

    /** The real qemu-system argv of the VM with its drive already on {@code device}, as the start step runs it. */
    @Override
    public List<List<String>> startCommands(String device) throws Exception {
        return List.of(qemu.commandLine(repointed(definition(device), device)));
    }

    @Override
    public List<List<String>> detachCommands(String device) {
        return List.of();
    }

    @Override
    public List<List<String>> attachCommands(String device) {
        return List.of(List.of("# " + MigrationText.t("migrate.guest.qemuRepoint", name, oldDevice, device)));
    }
}
