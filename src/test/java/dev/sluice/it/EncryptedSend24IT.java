package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link EncryptedSendContract} on OpenZFS 2.4 (Debian unstable). */
@OnChannel(Channel.UNSTABLE)
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // beside the main sequence
@org.junit.jupiter.api.parallel.ResourceLock(dev.sluice.testbed.GuestLocks.ZFS_24)
class EncryptedSend24IT extends EncryptedSendContract {
}
