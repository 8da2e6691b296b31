package dev.sluice.ui.vms;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;

/** A line of the VMs tree: a guest, or one of its disks ({@code disk} set). */
record VmRow(Guest guest, GuestDisk disk) {
    boolean isDisk() {
        return disk != null;
    }
}
