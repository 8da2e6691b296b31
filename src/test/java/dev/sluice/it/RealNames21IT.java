package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link RealNamesContract} on OpenZFS 2.1 (bookworm), the CLI Debian 12 and Ubuntu 22.04 ship. */
@OnChannel(Channel.BOOKWORM)
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_21)
class RealNames21IT extends RealNamesContract {
}
