package dev.sluice.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshHopTest {

    @Test
    void aDestinationThatCouldPassForAnOptionOrShellIsRefused() {
        for (String bad : List.of("-oProxyCommand=x", "a b", "a;b", "$(x)", "a'b", "")) {
            assertThrows(IllegalArgumentException.class, () -> new SshHop(bad, 0), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new SshHop("root@nas", 70000));
    }

    @Test
    void theFarCommandIsOneQuotedLineAfterTheDestinationWithHostKeyCheckingOn() {
        SshHop hop = new SshHop("root@backup", 2222);
        Command c = hop.wrap(Command.of("zfs", "receive", "-s", "tank/vm disk").untimed(), List.of("sudo", "-n", "zfs", "receive", "-s", "tank/vm disk"));
        List<String> argv = c.argv();
        assertTrue(argv.containsAll(List.of("BatchMode=yes", "StrictHostKeyChecking=yes")));
        int dd = argv.indexOf("--");
        assertEquals("root@backup", argv.get(dd + 1));
        assertEquals("sudo -n zfs receive -s 'tank/vm disk'", argv.get(dd + 2));
        assertEquals(dd + 3, argv.size());
        assertTrue(argv.containsAll(List.of("-p", "2222")));
    }
}
