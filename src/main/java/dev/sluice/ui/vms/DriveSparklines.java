package dev.sluice.ui.vms;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import javafx.scene.Node;

/**
 * The slot for a live I/O chart per VM drive (the throughput feature's Sparkline): given a guest
 * and one of its disks, the node to show in the I/O column, or null for none. The I/O column is
 * hidden while no provider is set.
 */
@FunctionalInterface
public interface DriveSparklines {
    Node forDrive(Guest guest, GuestDisk disk);
}
