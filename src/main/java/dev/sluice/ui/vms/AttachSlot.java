package dev.sluice.ui.vms;

/** A free place for a new disk: a VirtualBox controller slot, or the next QEMU drive. */
public record AttachSlot(String controller, int port, int device, String label) {
    @Override
    public String toString() {
        return label;
    }
}
