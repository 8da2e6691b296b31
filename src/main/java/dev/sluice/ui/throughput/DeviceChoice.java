package dev.sluice.ui.throughput;

import dev.sluice.metrics.Device;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One entry of the device picker: the device, its group and label, and whether it is charted. */
public final class DeviceChoice {

    /** How the picker groups devices, in this order. */
    public enum Group { POOLS, ZVOLS, VM_DRIVES, DISKS }

    private final Device device;
    private final String label;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");

    DeviceChoice(Device device, String label, boolean selected) {
        this.device = device;
        this.label = label;
        this.selected.set(selected);
    }

    public Device device() {
        return device;
    }

    public String label() {
        return label;
    }

    public Group group() {
        return groupOf(device);
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean value) {
        selected.set(value);
    }

    static Group groupOf(Device d) {
        return switch (d.kind()) {
            case POOL, VDEV -> Group.POOLS;
            case ZVOL -> Group.ZVOLS;
            case VM_DRIVE -> Group.VM_DRIVES;
            case DISK -> Group.DISKS;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
