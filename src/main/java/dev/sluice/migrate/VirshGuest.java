package dev.sluice.migrate;

import dev.sluice.libvirt.LibvirtService;
import dev.sluice.libvirt.VirshCommands;
import java.time.Duration;
import java.util.List;

/**
 * A libvirt guest: stopping is the ACPI button then, after the grace period, force off ({@code virsh destroy});
 * the disk is re-pointed in the persistent definition ({@code dumpxml --inactive}, the one {@code <source dev>}
 * changed, {@code define}, read back), which libvirt uses at the next start, and pointed back at the old device
 * when a roll back undoes that. {@code target} is the disk's target ({@code vda}).
 */
public final class VirshGuest implements GuestControl {
    private final LibvirtService libvirt;
    private final String uuid;
    private final String name;
    private final String target;
    /** The device the disk uses before the migration. */
    private final String oldDevice;
    private final Duration shutdownTimeout;

    public VirshGuest(LibvirtService libvirt, String uuid, String name, String target, String oldDevice, Duration shutdownTimeout) {
        this.libvirt = libvirt;
        this.uuid = uuid;
        this.name = name;
        this.target = target;
        this.oldDevice = oldDevice;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public String describe() {
        return MigrationText.t("migrate.guest.libvirt", name);
    }

    @Override
    public boolean isRunning() throws Exception {
        return libvirt.state(uuid).isActive();
    }

    @Override
    public void stop(StepContext ctx) throws Exception {
        if (isRunning()) {
            LibvirtService.ShutdownOutcome o = libvirt.shutdown(uuid, shutdownTimeout, ctx.asTaskContext());
            ctx.note(MigrationText.t(o == LibvirtService.ShutdownOutcome.ACPI ? "migrate.guest.qemuShutDown" : "migrate.guest.libvirtForced"));
        }
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            libvirt.start(uuid);
        }
    }

    /**
     * libvirt opens the device only while the guest runs, and it is stopped here: detaching from the old device
     * does nothing. Detaching from another device (the undo of the re-point in a roll back) points the disk back
     * at the old device, where the guest's data still is.
     */
    @Override
    public void detach(String device) throws Exception {
        if (!device.equals(oldDevice)) {
            libvirt.repoint(uuid, name, target, device, oldDevice);
        }
    }

    @Override
    public void attach(String device) throws Exception {
        libvirt.repoint(uuid, name, target, oldDevice, device);
    }

    @Override
    public List<List<String>> stopCommands() {
        return List.of(VirshCommands.shutdownAcpi(uuid).argv(),
                List.of("# " + MigrationText.t("migrate.guest.thenPowerOff", shutdownTimeout.toSeconds())),
                VirshCommands.forceOff(uuid).argv());
    }

    @Override
    public List<List<String>> startCommands(String device) {
        return List.of(VirshCommands.start(uuid).argv());
    }

    @Override
    public List<List<String>> detachCommands(String device) {
        return List.of();
    }

    @Override
    public List<List<String>> attachCommands(String device) {
        return List.of(VirshCommands.dumpInactiveXml(uuid).argv(),
                List.of("# " + MigrationText.t("migrate.guest.libvirtRepoint", target, oldDevice, device)),
                VirshCommands.define("").argv(),
                VirshCommands.dumpInactiveXml(uuid).argv());
    }
}
