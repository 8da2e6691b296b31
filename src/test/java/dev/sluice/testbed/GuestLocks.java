package dev.sluice.testbed;

/**
 * The {@code @ResourceLock} names of the guests that classes may use beside the main sequence (see
 * {@code junit-platform.properties}): every class that uses the OpenZFS 2.1 or 2.4 guest holds its lock, so two
 * classes never share a guest (its disks, its pools) at once. The 2.3 guest is only used by classes of the main
 * sequence, one after the other.
 */
public final class GuestLocks {
    /** The OpenZFS 2.1 guest ({@link Channel#BOOKWORM}). */
    public static final String ZFS_21 = "testbed-guest-2.1";
    /** The OpenZFS 2.4 and VirtualBox guest ({@link Channel#UNSTABLE}). */
    public static final String ZFS_24 = "testbed-guest-2.4";

    private GuestLocks() {
    }
}
