package dev.sluice.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a stream needs from the receiving pool, against real {@code zpool get -Hp all} outputs of OpenZFS 2.1 and 2.3. */
class StreamFeaturesTest {

    private static Map<String, String> pool(String version) throws IOException {
        try (InputStream in = StreamFeaturesTest.class.getResourceAsStream("/fixtures/" + version + "/zpool-get-Hp-all-rpool.txt")) {
            Map<String, String> props = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split("\t");
                if (f.length >= 3) {
                    props.put(f[1], f[2]);
                }
            }
            return StreamFeatures.features(props);
        }
    }

    @Test
    void aPlainSmallBlockZvolNeedsNothing() {
        assertEquals(List.of(), StreamFeatures.needs(Map.of("volblocksize", "16384", "compression", "zstd", "encryption", "off"), false, false));
    }

    @Test
    void largeBlocksAlwaysCompressionOnlyWhenBlocksTravelCompressedEncryptionOnlyRaw() {
        Map<String, String> props = Map.of("volblocksize", "1048576", "compression", "zstd-3", "encryption", "aes-256-gcm");
        assertEquals(List.of("large_blocks"), StreamFeatures.needs(props, false, false).stream().map(StreamFeatures.Need::feature).toList());
        assertEquals(List.of("large_blocks", "zstd_compress"),
                StreamFeatures.needs(props, false, true).stream().map(StreamFeatures.Need::feature).toList());
        assertEquals(List.of("large_blocks", "zstd_compress", "encryption"),
                StreamFeatures.needs(props, true, false).stream().map(StreamFeatures.Need::feature).toList());
    }

    @Test
    void openZfs21And23PoolsHaveWhatA23StreamNeeds() throws IOException {
        List<StreamFeatures.Need> all = StreamFeatures.needs(
                Map.of("volblocksize", "1048576", "compression", "zstd", "encryption", "aes-256-gcm"), true, true);
        assertEquals(List.of(), StreamFeatures.missing(all, pool("openzfs-2.1")));
        assertEquals(List.of(), StreamFeatures.missing(all, pool("openzfs-2.3")));
        // 2.3 has features 2.1 lacks; none of them is one a zvol's stream needs
        assertTrue(pool("openzfs-2.3").containsKey("blake3"));
        assertFalse(pool("openzfs-2.1").containsKey("blake3"));
    }

    @Test
    void aDisabledFeatureCanBeEnabledAnUnknownOneNeedsAnotherVersion() {
        List<StreamFeatures.Need> needs = StreamFeatures.needs(Map.of("volblocksize", "1048576", "compression", "zstd"), false, true);
        // a pool created with -d on 2.1 (captured: zpool get on the testbed), and a version before zstd (0.8)
        List<StreamFeatures.Missing> disabled = StreamFeatures.missing(needs, Map.of("large_blocks", "disabled", "zstd_compress", "disabled"));
        assertEquals(2, disabled.size());
        assertTrue(disabled.stream().allMatch(StreamFeatures.Missing::known));
        List<StreamFeatures.Missing> unknown = StreamFeatures.missing(needs, Map.of("large_blocks", "enabled"));
        assertEquals(1, unknown.size());
        assertEquals("zstd_compress", unknown.get(0).need().feature());
        assertFalse(unknown.get(0).known());
    }
}
