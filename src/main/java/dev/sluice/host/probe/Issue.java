package dev.sluice.host.probe;

/**
 * Why a check did not pass, as a code the UI can translate. Each {@link Check} also carries the
 * same thing as an English message with the fix, for logs and for callers without a bundle.
 */
public enum Issue {
    /** The program is not on the host's PATH. */
    NOT_INSTALLED,
    /** {@code zfs} is installed but the kernel module is not loaded ({@code zfs version} has no kmod line or fails). */
    ZFS_MODULE_NOT_LOADED,
    /** The program ran but failed in a way the probe does not know. */
    FAILED,
    /** {@code sudo -n} asks for a password. */
    SUDO_NEEDS_PASSWORD,
    /** Reading ZFS state ({@code zfs list}) was refused: /dev/zfs not accessible to this user. */
    ZFS_READ_DENIED,
    /** No elevation and not root: changes need {@code zfs allow} delegation or a privilege mode. */
    NO_PRIVILEGE_MODE,
    /** pkexec asks on the desktop; the probe cannot check it without a prompt. */
    PKEXEC_UNVERIFIED,
    /** The host could not be reached at all. */
    HOST_UNREACHABLE,
    /** {@code /dev/zvol} does not exist yet: no zvol was ever created (not a fault). */
    NO_ZVOLS_YET,
    /** {@code /dev/zvol} exists but this user may not read it. */
    ZVOL_DEVICES_UNREADABLE,
    /** virsh is installed but libvirt's daemon does not answer on the system connection. */
    LIBVIRT_DAEMON_DOWN,
    /** The system connection refused this user (not in the libvirt group, no polkit rule). */
    LIBVIRT_DENIED
}
