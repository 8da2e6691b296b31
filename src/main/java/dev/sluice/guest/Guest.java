package dev.sluice.guest;

import dev.sluice.libvirt.LibvirtGuest;
import dev.sluice.qemu.QemuVmDefinition;
import dev.sluice.vbox.VBoxVm;
import java.util.List;

/**
 * A VM of any hypervisor as the VMs view lists it. {@code id} is what the hypervisor is told
 * (VirtualBox and libvirt: the UUID; QEMU: the name). Exactly one of {@code vbox}/{@code qemu}/{@code libvirt} is set.
 */
public record Guest(Hypervisor hypervisor, String id, String name, GuestState state, int cpus, int memoryMiB,
                    List<GuestDisk> disks, VBoxVm vbox, QemuVmDefinition qemu, LibvirtGuest libvirt) {

    public Guest {
        disks = List.copyOf(disks);
    }

    public boolean hasMissingDevice() {
        return disks.stream().anyMatch(GuestDisk::deviceMissing);
    }
}
