package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Outputs captured on the testbed (OpenZFS 2.3.2), see fixtures/captured/README.md. */
class CapturedOutputsTest {

    @Test
    void aFinishedScrubIsWholeThoughIssuedIsBelowToExamine() throws Exception {
        ScrubState s = scan("zpool-status-j-json-int-scrub-finished.txt");
        assertEquals(ScrubState.Function.SCRUB, s.function());
        assertEquals(ScrubState.State.FINISHED, s.state());
        assertEquals(1.0, s.fraction());
    }

    @Test
    void aFinishedResilverIsWholeThoughItIssuedAlmostNothing() throws Exception {
        ScrubState s = scan("zpool-status-j-json-int-resilver-finished.txt");
        assertEquals(ScrubState.Function.RESILVER, s.function());
        assertEquals(1.0, s.fraction());
    }

    @Test
    void aSuspendedPoolIsSuspendedInTheListAndInEveryError() throws Exception {
        assertEquals(Health.SUSPENDED, PoolStatusParser.parse(read("zpool-status-j-json-int-suspended.txt")).get("frail").state());
        assertEquals(ZfsException.Kind.POOL_IO_SUSPENDED, classify("zfs-create-pool-suspended.txt", 1, "zfs", "create", "frail/more").kind());
        // zfs snapshot exits 2 and appends its usage text after the real error
        assertEquals(ZfsException.Kind.POOL_IO_SUSPENDED, classify("zfs-snapshot-pool-suspended.txt", 2, "zfs", "snapshot", "frail/fs@s").kind());
    }

    @Test
    void unloadKeyOnAMountedRootIsBusy() throws Exception {
        ZfsCommandException e = classify("zfs-unload-key-mounted.txt", 255, "zfs", "unload-key", "fx/locked");
        assertEquals(ZfsException.Kind.BUSY, e.kind(), e.getMessage());
    }

    private static ZfsCommandException classify(String file, int exit, String... argv) throws Exception {
        return ZfsErrors.classify(dev.sluice.host.Command.of(argv), exit, read(file), null);
    }

    private static ScrubState scan(String file) throws Exception {
        return PoolStatusParser.parse(read(file)).get("twin").scan();
    }

    private static String read(String file) throws Exception {
        try (InputStream in = CapturedOutputsTest.class.getResourceAsStream("/fixtures/captured/openzfs-2.3/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
