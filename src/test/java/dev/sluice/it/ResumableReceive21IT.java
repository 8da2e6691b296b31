package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link ResumableReceiveContract} on OpenZFS 2.1. */
@OnChannel(Channel.BOOKWORM)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // beside the main sequence
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_21)
class ResumableReceive21IT extends ResumableReceiveContract {
}
