package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Finished scans captured on the testbed (OpenZFS 2.3.2): issued ends below to_examine. */
class CapturedScanStateTest {

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

    private static ScrubState scan(String file) throws Exception {
        try (InputStream in = CapturedScanStateTest.class.getResourceAsStream("/fixtures/captured/openzfs-2.3/" + file)) {
            return PoolStatusParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("twin").scan();
        }
    }
}
