package dev.sluice.metrics;

import java.util.Objects;

/**
 * Something whose throughput can be charted: a physical disk, a zvol, a pool or one of its vdevs,
 * or a VM's virtual drive. {@code group} is what it belongs to (the pool of a vdev or zvol, the VM
 * of a drive), empty when nothing.
 */
public record Device(Kind kind, String name, String group) implements Comparable<Device> {

    public enum Kind { POOL, VDEV, ZVOL, DISK, VM_DRIVE }

    public Device {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        group = group == null ? "" : group;
    }

    public static Device disk(String name) {
        return new Device(Kind.DISK, name, "");
    }

    public static Device zvol(String name) {
        int slash = name.indexOf('/');
        return new Device(Kind.ZVOL, name, slash > 0 ? name.substring(0, slash) : "");
    }

    public static Device pool(String name) {
        return new Device(Kind.POOL, name, name);
    }

    public static Device vdev(String pool, String vdev) {
        return new Device(Kind.VDEV, pool + "/" + vdev, pool);
    }

    public static Device vmDrive(String vm, String drive) {
        return new Device(Kind.VM_DRIVE, vm + "/" + drive, vm);
    }

    /** The name without its group prefix: {@code mirror-0} for vdev {@code rpool/mirror-0}. */
    public String shortName() {
        return (kind == Kind.VDEV || kind == Kind.VM_DRIVE) && name.startsWith(group + "/")
                ? name.substring(group.length() + 1) : name;
    }

    @Override
    public int compareTo(Device o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : name.compareTo(o.name);
    }
}
