package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link DegradedClassesContract} on OpenZFS 2.1 (bookworm): the tree from {@code zpool list -Hpv}. */
@OnChannel(Channel.BOOKWORM)
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_21)
class DegradedClasses21IT extends DegradedClassesContract {
}
