package dev.sluice.host.probe;

import dev.sluice.host.ToolHints;

/** The English fix texts of the probe; the UI shows translated ones chosen by {@link Issue}. */
final class Fixes {
    private Fixes() {
    }

    static String notInstalled(String tool, String host) {
        String where = "zfs".equals(tool) ? " If it is installed in /usr/sbin, add /usr/sbin to PATH for this user." : "";
        return tool + " was not found on " + host + ". " + ToolHints.installHint(tool) + where;
    }

    static String libvirtDaemonDown(String host, String detail) {
        return "libvirt is installed on " + host + " but its daemon does not answer (" + detail + "). Start it: `systemctl start libvirtd`"
                + " (or `virtqemud` with libvirt's modular daemons). Only needed for libvirt guests.";
    }

    static String libvirtDenied(String user, String host, String detail) {
        return user + " may not use libvirt's system connection on " + host + " (" + detail + "). Add the user to the libvirt group"
                + " (`usermod -aG libvirt " + user + "`, then log in again) or add a polkit rule for org.libvirt.unix.manage.";
    }

    static String moduleNotLoaded(String host) {
        return "The ZFS kernel module is not loaded on " + host + ". Load it with `sudo modprobe zfs` (and check `dmesg` if that fails),"
                + " or install the module for the running kernel: `apt install zfs-dkms linux-headers-$(uname -r)`.";
    }

    static String failed(String tool, String detail) {
        return tool + " is installed but did not run: " + detail + ". Run `" + tool + " --version` on the host to see why.";
    }

    static String sudoNeedsPassword(String user, String host) {
        return "`sudo -n` on " + host + " asks for a password, so Sluice cannot change pools or volumes there. Allow the ZFS tools without"
                + " a password: run `sudo visudo -f /etc/sudoers.d/sluice` and add `" + user
                + " ALL=(root) NOPASSWD: /usr/sbin/zfs, /usr/sbin/zpool` (add VBoxManage, qemu-img if you manage VMs as root),"
                + " or delegate with `zfs allow " + user + " create,destroy,snapshot,rollback,clone,send,receive,mount <pool>` and choose no elevation.";
    }

    static String readDenied(String user, String host) {
        return "ZFS refused to list datasets for " + user + " on " + host + " (permission denied on /dev/zfs). Choose `sudo -n` or `pkexec`"
                + " as the privilege mode for this host (Add SSH host… / host settings), or run Sluice as a user who may read /dev/zfs.";
    }

    static String noPrivilegeMode(String user, String host) {
        return "Sluice runs commands on " + host + " as " + user + " without elevation: it can show ZFS state, but creating, destroying and"
                + " rolling back will be refused unless you delegate with `sudo zfs allow " + user
                + " create,destroy,snapshot,rollback,clone,send,receive,mount <pool>`, or choose `sudo -n` or `pkexec` for this host.";
    }

    static String pkexecRemote(String host) {
        return "pkexec asks for a password on the desktop of " + host + ", which an SSH session does not have: privileged commands will fail."
                + " Choose `sudo -n` with a NOPASSWD rule for this host instead.";
    }
}
