package dev.sluice.qemu;

import java.util.Locale;

/** The disk image formats Sluice creates and converts between; {@code qemuName} is what qemu-img calls it. */
public enum ImageFormat {
    RAW("raw", "img"),
    QCOW2("qcow2", "qcow2"),
    VMDK("vmdk", "vmdk"),
    VDI("vdi", "vdi");

    private final String qemuName;
    private final String extension;

    ImageFormat(String qemuName, String extension) {
        this.qemuName = qemuName;
        this.extension = extension;
    }

    public String qemuName() {
        return qemuName;
    }

    public String extension() {
        return extension;
    }

    /** The format qemu-img reported, or empty for one Sluice does not create (vpc, vhdx, ...). */
    public static java.util.Optional<ImageFormat> fromQemu(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (ImageFormat f : values()) {
            if (f.qemuName.equals(n)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
