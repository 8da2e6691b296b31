package dev.sluice.it;

import dev.sluice.testbed.Channel;
import dev.sluice.testbed.OnChannel;

/** {@link DegradedClassesContract} on OpenZFS 2.3 (bookworm-backports). */
@OnChannel(Channel.BACKPORTS)
class DegradedClasses23IT extends DegradedClassesContract {
}
