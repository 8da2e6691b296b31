package dev.sluice.zfs;

/** Where zvol device nodes live differs by OS. */
public enum HostOs {
    /** {@code /dev/zvol/<pool>/<vol>} (a udev symlink to {@code /dev/zdN}). */
    LINUX,
    /** {@code /dev/zvol/<pool>/<vol>}. */
    FREEBSD,
    /** Raw device {@code /dev/zvol/rdsk/<pool>/<vol>} (block device under {@code dsk}). */
    ILLUMOS;

    public String zvolDevicePath(String volume) {
        return this == ILLUMOS ? "/dev/zvol/rdsk/" + volume : "/dev/zvol/" + volume;
    }

    /** From {@code uname -s}: Linux, FreeBSD, SunOS. */
    public static HostOs fromUname(String uname) {
        String u = uname.strip();
        if (u.equals("SunOS")) {
            return ILLUMOS;
        }
        if (u.equals("FreeBSD")) {
            return FREEBSD;
        }
        return LINUX;
    }
}
