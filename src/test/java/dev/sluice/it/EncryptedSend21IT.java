package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link EncryptedSendContract} on OpenZFS 2.1. */
@OnChannel(Channel.BOOKWORM)
class EncryptedSend21IT extends EncryptedSendContract {
}
