package dev.sluice.qemu.preflight;

import java.util.Objects;

/**
 * One disk a VM is about to use, as preflight sees it: a zvol device, an image file, or a raw
 * VMDK whose extent is a device ({@code device}, {@code deviceBytes} from the descriptor).
 * {@code declaredBytes}: the size the VM definition expects (null: none).
 */
public record DiskBacking(String label, Kind kind, String path, String device, Long declaredBytes, boolean readOnly) {

    public enum Kind { ZVOL, IMAGE, RAW_VMDK }

    public DiskBacking {
        Objects.requireNonNull(label);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(path);
    }

    public static DiskBacking zvol(String label, String device, Long declaredBytes, boolean readOnly) {
        return new DiskBacking(label, Kind.ZVOL, device, device, declaredBytes, readOnly);
    }

    public static DiskBacking image(String label, String path, Long declaredBytes, boolean readOnly) {
        return new DiskBacking(label, Kind.IMAGE, path, null, declaredBytes, readOnly);
    }

    /** {@code extentBytes}: the size the descriptor declares for the device. */
    public static DiskBacking rawVmdk(String label, String vmdkPath, String device, long extentBytes) {
        return new DiskBacking(label, Kind.RAW_VMDK, vmdkPath, device, extentBytes, false);
    }
}
