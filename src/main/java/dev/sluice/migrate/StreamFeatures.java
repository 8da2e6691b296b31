package dev.sluice.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a stream needs from the pool that receives it: large blocks need {@code large_blocks}, blocks sent
 * compressed need their compression's feature, a raw (encrypted) stream needs {@code encryption}. Read from the
 * source's properties
 * and the target pool's {@code feature@} properties ({@code zpool get -Hp all}): a feature the target's
 * OpenZFS does not list at all is unknown to that version; a listed but {@code disabled} one can be enabled.
 */
public final class StreamFeatures {
    private StreamFeatures() {
    }

    /** A feature the stream needs, and the source property that needs it ({@code checksum=blake3}). */
    public record Need(String feature, String because) {
    }

    /** A need the target pool cannot meet: {@code known} false when the target's OpenZFS has never heard of it. */
    public record Missing(Need need, boolean known) {
    }

    /**
     * The pool features a stream of a zvol with these properties needs: {@code large_blocks} for blocks over
     * 128 KiB (always: a receive refuses them without it, "pool must be upgraded to receive this stream");
     * the compression's feature when blocks travel compressed ({@code -c} or raw); {@code encryption} for raw.
     * The checksum is not among them: a stream carries no property (no {@code -p}), and a 2.1 pool receives a
     * 2.3 {@code checksum=blake3} zvol's stream, raw or not (tried on the testbed).
     */
    public static List<Need> needs(Map<String, String> sourceProps, boolean raw, boolean compressed) {
        Map<String, Need> out = new LinkedHashMap<>();
        long block = parseLong(sourceProps.get("volblocksize"), parseLong(sourceProps.get("recordsize"), 0));
        if (block > 128 * 1024) {
            out.putIfAbsent("large_blocks", new Need("large_blocks", "volblocksize=" + block));
        }
        String compression = lower(sourceProps.get("compression"));
        if (raw || compressed) {
            if (compression.startsWith("zstd")) {
                out.putIfAbsent("zstd_compress", new Need("zstd_compress", "compression=" + compression));
            } else if (compression.equals("lz4")) {
                out.putIfAbsent("lz4_compress", new Need("lz4_compress", "compression=" + compression));
            }
        }
        String encryption = lower(sourceProps.get("encryption"));
        if (raw && !encryption.isEmpty() && !encryption.equals("off") && !encryption.equals("-")) {
            out.putIfAbsent("encryption", new Need("encryption", "encryption=" + encryption + " (raw send)"));
        }
        return List.copyOf(out.values());
    }

    /** Which needs the target pool does not meet; {@code poolFeatures} maps {@code blake3} to enabled/active/disabled. */
    public static List<Missing> missing(List<Need> needs, Map<String, String> poolFeatures) {
        List<Missing> out = new ArrayList<>();
        for (Need n : needs) {
            String state = poolFeatures.get(n.feature());
            if (state == null) {
                out.add(new Missing(n, false));
            } else if (state.equals("disabled")) {
                out.add(new Missing(n, true));
            }
        }
        return out;
    }

    /** {@code feature@x → state} from a pool's properties. */
    public static Map<String, String> features(Map<String, String> poolProps) {
        Map<String, String> out = new LinkedHashMap<>();
        poolProps.forEach((k, v) -> {
            if (k.startsWith("feature@")) {
                out.put(k.substring("feature@".length()), v);
            }
        });
        return out;
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
