package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link ResumableReceiveContract} on OpenZFS 2.3. */
@OnChannel(Channel.BACKPORTS)
class ResumableReceive23IT extends ResumableReceiveContract {
}
