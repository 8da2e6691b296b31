package dev.sluice.migrate;

/**
 * The VM whose disk moves, if any. {@code slot} identifies the disk inside the VM: for VirtualBox
 * "controller|port|device", for QEMU the drive id, for libvirt the disk's target ({@code vda}). {@code wasRunning} is recorded when the plan is made,
 * so a rollback restarts the guest only if it was running.
 */
public record GuestRef(Hypervisor hypervisor, String vmId, String vmName, String slot, String diskPath,
                       boolean wasRunning) {

    public enum Hypervisor { NONE, VIRTUALBOX, QEMU, LIBVIRT }

    public static GuestRef none() {
        return new GuestRef(Hypervisor.NONE, "", "", "", "", false);
    }

    public boolean present() {
        return hypervisor != Hypervisor.NONE;
    }
}
