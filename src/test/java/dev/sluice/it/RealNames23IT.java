package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link RealNamesContract} on OpenZFS 2.3 (bookworm-backports). */
@OnChannel(Channel.BACKPORTS)
class RealNames23IT extends RealNamesContract {
}
