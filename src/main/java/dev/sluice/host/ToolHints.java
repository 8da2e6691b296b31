package dev.sluice.host;

import java.util.Map;

/** Which package provides a tool, for "not installed" messages. */
public final class ToolHints {
    private static final Map<String, String> PACKAGES = Map.of(
            "zfs", "Install OpenZFS: `apt install zfsutils-linux` (Debian/Ubuntu), `dnf install zfs` (Fedora, from the OpenZFS repository); on illumos it is part of the base system.",
            "zpool", "Install OpenZFS: `apt install zfsutils-linux` (Debian/Ubuntu), `dnf install zfs` (Fedora, from the OpenZFS repository).",
            "VBoxManage", "Install VirtualBox from virtualbox.org or your distribution (`apt install virtualbox`), and make sure VBoxManage is on PATH.",
            "qemu-img", "Install QEMU's image tools: `apt install qemu-utils` (Debian/Ubuntu), `dnf install qemu-img` (Fedora).",
            "qemu-system-x86_64", "Install QEMU: `apt install qemu-system-x86` (Debian/Ubuntu), `dnf install qemu-system-x86` (Fedora).",
            "ssh", "Install the OpenSSH client: `apt install openssh-client`.",
            "virsh", "Install libvirt's client and daemon: `apt install libvirt-clients libvirt-daemon-system` (Debian/Ubuntu), `dnf install libvirt-client libvirt-daemon-kvm` (Fedora).",
            "socat", "Install socat on that host (`apt install socat`): Sluice reaches a QEMU VM's QMP socket through it over SSH.",
            "sudo", "Install sudo (`apt install sudo`) or choose another privilege mode for this host.",
            "pkexec", "Install polkit (`apt install pkexec`) or choose another privilege mode for this host.");

    private ToolHints() {
    }

    public static String installHint(String program) {
        return PACKAGES.getOrDefault(baseName(program), "Install it, or check that it is on PATH for this host.");
    }

    /** The program's file name: the key of its hint ({@code tool.hint.<name>} in the UI's bundles). */
    public static String baseName(String program) {
        return program.contains("/") ? program.substring(program.lastIndexOf('/') + 1) : program;
    }
}
