package dev.sluice.ui.volumes;

/**
 * Configuration snippets for the other tools admins give zvols to, with the device path those tools must
 * open (on Linux udev's {@code /dev/zvol/...} link, every space of the name a {@code +}): a libvirt
 * {@code <disk>} element and a MicroVM.nix volume. The raw-block settings are the ones people get wrong:
 * libvirt's {@code type='block'} with {@code cache='none' io='native'}, MicroVM.nix's
 * {@code mountPoint = null} (the VM sees the block device, nothing is mounted) and {@code autoCreate = false}
 * (the zvol exists; nothing creates or formats an image at its path).
 */
public final class ZvolSnippets {
    private ZvolSnippets() {
    }

    /** A libvirt disk element for {@code device}, attached as virtio disk {@code target} (vdb, vdc, ...). */
    public static String libvirtDisk(String zvol, String device, String target) {
        return "<!-- zvol " + xmlComment(zvol) + " -->\n"
                + "<disk type='block' device='disk'>\n"
                + "  <driver name='qemu' type='raw' cache='none' io='native' discard='unmap'/>\n"
                + "  <source dev='" + xmlAttr(device) + "'/>\n"
                + "  <target dev='" + xmlAttr(target) + "' bus='virtio'/>\n"
                + "</disk>\n";
    }

    /** A {@code microvm.volumes} entry for {@code device}; {@code volsizeBytes} is the zvol's size. */
    public static String microVmVolume(String zvol, String device, long volsizeBytes) {
        long mib = Math.max(1, volsizeBytes / (1024 * 1024));
        return "microvm.volumes = [ {\n"
                + "  # zvol " + zvol.replace('\n', ' ') + "\n"
                + "  image = \"" + nixString(device) + "\";\n"
                + "  mountPoint = null;  # a raw block device: the VM sees it, nothing mounts it\n"
                + "  size = " + mib + ";  # MiB, the zvol's volsize (only used when creating)\n"
                + "  autoCreate = false;  # the zvol exists: never create or format an image here\n"
                + "} ];\n";
    }

    static String xmlAttr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }

    private static String xmlComment(String s) {
        return s.replace("--", "- -");
    }

    static String nixString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${");
    }
}
