package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link EncryptedSendContract} on OpenZFS 2.1. */
@OnChannel(Channel.BOOKWORM)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // beside the main sequence
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_21)
class EncryptedSend21IT extends EncryptedSendContract {
}
