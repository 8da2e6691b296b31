package dev.sluice.guest;

/**
 * "Move this disk's zvol to another pool", as the VMs view asks for it; the migration wizard
 * takes it from here. {@code zvol} is the dataset ({@code fast/vm/web-disk0}).
 */
public record DiskMoveRequest(Guest guest, GuestDisk disk, String zvol, String sourcePool, String targetPool) {
}
