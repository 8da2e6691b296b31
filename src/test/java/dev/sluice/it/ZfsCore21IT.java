package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link ZfsCoreContract} on OpenZFS 2.1 (bookworm), the CLI Debian 12 and Ubuntu 22.04 ship. */
@OnChannel(Channel.BOOKWORM)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // beside the main sequence
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_21)
class ZfsCore21IT extends ZfsCoreContract {
}
