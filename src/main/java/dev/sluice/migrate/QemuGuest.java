package dev.sluice.migrate;

import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.qemu.QemuVmService;
import dev.sluice.qemu.QemuVmState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sluice-defined QEMU guest: stopping is ACPI power-down then quit; the disk is re-pointed by
 * changing the drive's device in the VM definition (QEMU reads it at the next start).
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
        return "QEMU VM '" + name + "'";
    }

    @Override
    public boolean isRunning() {
        QemuVmState s = qemu.state(name);
        return s == QemuVmState.RUNNING || s == QemuVmState.PAUSED || s == QemuVmState.STARTING;
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        if (isRunning()) {
            ctx.note("QMP system_powerdown, waiting up to " + shutdownTimeout.toSeconds() + " s");
            QemuVmService.StopOutcome o = qemu.stop(name, shutdownTimeout);
            ctx.note(o == QemuVmService.StopOutcome.GRACEFUL ? "the guest shut down" : "the guest did not answer ACPI; QEMU was quit");
        }
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            qemu.start(name);
        }
    }

    @Override
    public void detach(String device) {
        // QEMU opens the device only while running; the guest is stopped here, nothing holds the zvol
    }

    @Override
    public void attach(String device) throws Exception {
        QemuVmDefinition def = qemu.store().find(name).orElseThrow(() -> new IllegalStateException(
                "The QEMU VM definition '" + name + "' is gone; re-create it and point its drive at " + device + "."));
        qemu.store().save(def.withDrives(repoint(def.drives(), device)));
    }

    private List<QemuDrive> repoint(List<QemuDrive> drives, String device) {
        List<QemuDrive> out = new ArrayList<>();
        boolean changed = false;
        for (QemuDrive d : drives) {
            if (!changed && d.backing() == QemuDrive.Backing.ZVOL && (d.source().equals(oldDevice) || d.source().equals(device))) {
                out.add(new QemuDrive(device, d.backing(), d.format(), d.numQueues(), d.aio(), d.readOnly(), d.declaredSizeBytes()));
                changed = true;
            } else {
                out.add(d);
            }
        }
        if (!changed) {
            throw new IllegalStateException("The QEMU VM '" + name + "' has no drive on " + oldDevice + " any more; "
                    + "check its definition and point the drive at " + device + " by hand.");
        }
        return out;
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(List.of("# QMP on " + name + ": system_powerdown"),
                List.of("# wait up to " + shutdownTimeout.toSeconds() + " s for SHUTDOWN, then QMP: quit"));
    }

    @Override
    public List<List<String>> startCommands() {
        try {
            return List.of(qemu.commandLine(name));
        } catch (Exception e) {
            return List.of(List.of("# start QEMU VM " + name));
        }
    }

    @Override
    public List<List<String>> detachCommands(String device) {
        return List.of();
    }

    @Override
    public List<List<String>> attachCommands(String device) {
        return List.of(List.of("# Sluice's definition of QEMU VM " + name + ": drive " + oldDevice + " → " + device));
    }
}
