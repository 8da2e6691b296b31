package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link EncryptedSendContract} on OpenZFS 2.4 (Debian unstable). */
@OnChannel(Channel.UNSTABLE)
class EncryptedSend24IT extends EncryptedSendContract {
}
