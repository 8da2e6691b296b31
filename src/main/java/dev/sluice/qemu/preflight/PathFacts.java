package dev.sluice.qemu.preflight;

/**
 * What {@code stat -L} says about a path on a host. {@code size} is 0 for block devices (their
 * size comes from ZFS, see {@link ZvolFacts}).
 */
public record PathFacts(String path, Type type, long size, int mode, int uid, int gid) {

    public enum Type { REGULAR_FILE, BLOCK_DEVICE, DIRECTORY, OTHER }

    /** Whether {@code user} may read (and write, unless {@code readOnly}) it by the mode bits. */
    public boolean allows(HypervisorUser user, boolean readOnly) {
        if (user.uid() == 0) {
            return true;
        }
        int bits = user.uid() == uid ? (mode >> 6) & 7 : user.gids().contains(gid) ? (mode >> 3) & 7 : mode & 7;
        boolean r = (bits & 4) != 0;
        boolean w = (bits & 2) != 0;
        return r && (readOnly || w);
    }
}
