package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: the guest runs the OpenZFS it claims, and the SSH transport carries argv intact. */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
class TestbedSmokeIT {

    @Test
    void guestRunsTheZfsSeriesOfItsChannelWithTheKernelModuleLoaded(Testbed tb) throws Exception {
        String version = tb.runner().run(Command.of("zfs", "version")).stdout();
        assertTrue(version.contains("zfs-" + tb.channel().zfsSeries()), version);
        assertTrue(version.contains("zfs-kmod-" + tb.channel().zfsSeries()), version);
    }

    @Test
    void argumentsReachTheGuestByteIdentical(Testbed tb) throws Exception {
        String out = tb.runner().run(Command.of("printf", "%s|", "a b", "it's", "$HOME", "*", "x;y", "\"q\"", "")).stdout();
        assertEquals("a b|it's|$HOME|*|x;y|\"q\"||", out);
    }

    @Test
    void testerIsAnOrdinaryUserUntilSudoElevates(Testbed tb) throws Exception {
        CommandRunner plain = tb.runnerAs("tester", Elevation.NONE);
        CommandRunner sudo = tb.runnerAs("tester", Elevation.SUDO);
        assertEquals("tester", plain.run(Command.of("id", "-un").asRoot()).stdout().strip());
        assertEquals("root", sudo.run(Command.of("id", "-un").asRoot()).stdout().strip());
    }

    @Test
    void freshPoolGivesAnEmptyOnlinePoolEvenOverALeftover(Testbed tb) throws Exception {
        tb.freshPool("leftover", 4);
        tb.sh("zfs create -V 16M leftover/vol");
        tb.freshPool("smoke", 4);
        assertEquals("smoke\tONLINE", tb.sh("zpool list -Ho name,health smoke").strip());
        assertEquals("smoke", tb.sh("zfs list -Ho name -r smoke").strip());
        tb.runner().run(Command.of("zpool", "destroy", "smoke"));
    }
}
