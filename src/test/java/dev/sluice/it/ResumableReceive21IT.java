package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link ResumableReceiveContract} on OpenZFS 2.1. */
@OnChannel(Channel.BOOKWORM)
class ResumableReceive21IT extends ResumableReceiveContract {
}
