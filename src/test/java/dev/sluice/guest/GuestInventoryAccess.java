package dev.sluice.guest;

import dev.sluice.libvirt.LibvirtGuest;
import dev.sluice.zfs.HostOs;

/** Tests in other packages reach the inventory's per-hypervisor mapping through here. */
public final class GuestInventoryAccess {
    private GuestInventoryAccess() {
    }

    public static Guest libvirt(LibvirtGuest g) {
        return GuestInventory.libvirt(HostOs.LINUX, g);
    }
}
