package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link ZfsCoreContract} on OpenZFS 2.3 (bookworm-backports). */
@OnChannel(Channel.BACKPORTS)
class ZfsCore23IT extends ZfsCoreContract {
}
