package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link EncryptedSendContract} on OpenZFS 2.3. */
@OnChannel(Channel.BACKPORTS)
class EncryptedSend23IT extends EncryptedSendContract {
}
