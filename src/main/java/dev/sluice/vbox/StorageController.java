package dev.sluice.vbox;

/** A storage controller; {@code name} is the user's own ("SATA Controller", "NVMe - fast"). */
public record StorageController(int index, String name, String type, int portCount, boolean bootable) {

    public boolean isFloppy() {
        return "I82078".equals(type);
    }
}
