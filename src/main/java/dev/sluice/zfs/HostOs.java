package dev.sluice.zfs;

import java.util.Optional;

/**
 * Where zvol device nodes live differs by OS, and this is the one place that knows it: every
 * {@code /dev/zvol/...} path Sluice builds or reads goes through {@link #zvolDevicePath} and
 * {@link #zvolOf}.
 *
 * <ul>
 * <li>Linux: udev links {@code /dev/zvol/<name>} to {@code /dev/zdN}, with every space of the name
 * turned into {@code +} (its {@code zvol_id} helper does that, because udev splits a link list at
 * blanks). ZFS names cannot contain {@code +}, so the mapping is exact both ways.</li>
 * <li>FreeBSD: GEOM/devfs create {@code /dev/zvol/<name>} with the name as it is.</li>
 * <li>illumos: {@code /dev/zvol/dsk/<name>} (block) and {@code /dev/zvol/rdsk/<name>} (raw), made on
 * lookup by the kernel's sdev ({@code devzvol_make_dsname}) with the name as it is.</li>
 * </ul>
 */
public enum HostOs {
    LINUX,
    FREEBSD,
    ILLUMOS;

    /** The directory every zvol device path starts with, on every OS. */
    public static final String ZVOL_DIR = "/dev/zvol/";

    /** The device path a hypervisor or {@code qemu-img} opens for zvol {@code volume}. */
    public String zvolDevicePath(String volume) {
        return switch (this) {
            case LINUX -> ZVOL_DIR + volume.replace(' ', '+');
            case FREEBSD -> ZVOL_DIR + volume;
            case ILLUMOS -> ZVOL_DIR + "rdsk/" + volume;
        };
    }

    /**
     * The zvol a device path names ({@code /dev/zvol/tank/vm+disks/web+1} → {@code tank/vm disks/web 1}
     * on Linux; {@code tank/vm@snap} for the device of a snapshot with {@code snapdev=visible}), or
     * empty when the path is not under {@code /dev/zvol} or names no valid dataset or snapshot.
     * Whether that zvol exists is for the caller to ask ZFS.
     */
    public Optional<String> zvolOf(String devicePath) {
        if (devicePath == null || !devicePath.startsWith(ZVOL_DIR)) {
            return Optional.empty();
        }
        String rest = devicePath.substring(ZVOL_DIR.length());
        String name = switch (this) {
            case LINUX -> rest.replace('+', ' ');
            case FREEBSD -> rest;
            case ILLUMOS -> rest.startsWith("rdsk/") ? rest.substring(5) : rest.startsWith("dsk/") ? rest.substring(4) : "";
        };
        return name.indexOf('#') < 0 && ZfsNames.problem(name) == null ? Optional.of(name) : Optional.empty();
    }

    /** True for a path under {@code /dev/zvol}: a zvol device on every OS ZFS runs on. */
    public static boolean isZvolDevicePath(String path) {
        return path != null && path.startsWith(ZVOL_DIR) && path.length() > ZVOL_DIR.length();
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
