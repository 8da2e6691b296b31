package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link ZfsCoreContract} on OpenZFS 2.4 (Debian unstable). */
@OnChannel(Channel.UNSTABLE)
class ZfsCore24IT extends ZfsCoreContract {
}
