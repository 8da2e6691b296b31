package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link ResumableReceiveContract} on OpenZFS 2.4 (Debian unstable). */
@OnChannel(Channel.UNSTABLE)
class ResumableReceive24IT extends ResumableReceiveContract {
}
