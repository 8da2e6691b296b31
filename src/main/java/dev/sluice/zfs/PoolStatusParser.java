package dev.sluice.zfs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code zpool status -j --json-int} (OpenZFS 2.3+): pools → vdev tree with states and
 * read/write/checksum error counts, {@code scan_stats}, {@code error_count}, status/action texts.
 * Log, special and dedup vdevs, cache devices and spares arrive as separate objects
 * ({@code logs}, {@code special}, {@code dedup}, {@code l2cache}, {@code spares}); they are added to
 * the root's children with their class, after the normal vdevs and in ZFS's own order (dedup,
 * special, logs, cache, spares). Numbers are accepted as JSON numbers or strings.
 */
public final class PoolStatusParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** JSON key and class, in the order {@code zpool status} prints the groups: dedup, special, logs, cache, spares. */
    private static final List<Map.Entry<String, String>> CLASS_KEYS = List.of(Map.entry("dedup", "dedup"),
            Map.entry("special", "special"), Map.entry("logs", "log"), Map.entry("l2cache", "cache"), Map.entry("spares", "spare"));

    private PoolStatusParser() {
    }

    public static Map<String, PoolStatus> parse(String json) {
        JsonNode top;
        try {
            top = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnexpectedOutputException("zpool status -j JSON", json.length() > 200 ? json.substring(0, 200) : json);
        }
        Map<String, PoolStatus> out = new LinkedHashMap<>();
        JsonNode pools = top.path("pools");
        for (Map.Entry<String, JsonNode> e : pools.properties()) {
            out.put(e.getKey(), pool(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static PoolStatus pool(String name, JsonNode p) {
        Vdev root = null;
        for (Iterator<JsonNode> it = p.path("vdevs").elements(); it.hasNext(); ) {
            root = vdev(it.next(), "normal");
        }
        List<Vdev> children = new ArrayList<>(root == null ? List.of() : root.children());
        for (Map.Entry<String, String> c : CLASS_KEYS) {
            for (Iterator<JsonNode> it = p.path(c.getKey()).elements(); it.hasNext(); ) {
                Vdev v = vdev(it.next(), c.getValue());
                if (children.stream().noneMatch(x -> x.name().equals(v.name()))) {
                    children.add(v);
                }
            }
        }
        Health state = Health.parse(p.path("state").asText(null));
        Vdev tree = root == null
                ? new Vdev(name, null, VdevType.ROOT, state, 0, 0, 0, -1, -1, "normal", children)
                : new Vdev(root.name(), root.path(), root.type(), root.state(), root.readErrors(), root.writeErrors(),
                root.checksumErrors(), root.size(), root.allocated(), root.vdevClass(), children);
        return new PoolStatus(name, state, text(p, "pool_guid"), clean(text(p, "status")), clean(text(p, "action")),
                tree, scan(p.path("scan_stats")), num(p, "error_count"), true);
    }

    private static Vdev vdev(JsonNode v, String defaultClass) {
        List<Vdev> children = new ArrayList<>();
        String cls = v.hasNonNull("class") ? v.get("class").asText() : defaultClass;
        if (!defaultClass.equals("normal")) {
            cls = defaultClass;
        }
        for (Iterator<JsonNode> it = v.path("vdevs").elements(); it.hasNext(); ) {
            children.add(vdev(it.next(), defaultClass));
        }
        return new Vdev(v.path("name").asText(), text(v, "path"), VdevType.fromJson(text(v, "vdev_type")),
                Health.parse(text(v, "state")), num(v, "read_errors"), num(v, "write_errors"),
                num(v, "checksum_errors"), num(v, "total_space"), num(v, "alloc_space"), cls, children);
    }

    private static ScrubState scan(JsonNode s) {
        if (s.isMissingNode() || !s.has("state")) {
            return ScrubState.NEVER;
        }
        ScrubState.Function fn;
        ScrubState.State st;
        try {
            fn = ScrubState.Function.valueOf(s.path("function").asText("UNKNOWN"));
        } catch (IllegalArgumentException e) {
            fn = ScrubState.Function.UNKNOWN;
        }
        try {
            st = ScrubState.State.valueOf(s.path("state").asText("UNKNOWN"));
        } catch (IllegalArgumentException e) {
            st = ScrubState.State.UNKNOWN;
        }
        long start = num(s, "start_time");
        long end = num(s, "end_time");
        return new ScrubState(fn, st, num(s, "to_examine"), num(s, "examined"), num(s, "issued"),
                Math.max(0, num(s, "errors")), start > 0 ? Instant.ofEpochSecond(start) : null,
                end > 0 ? Instant.ofEpochSecond(end) : null, num(s, "scrub_pause") > 0);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String clean(String s) {
        return s == null ? null : s.replace("\n\t", " ").strip();
    }

    /** JSON number, or a string of digits; anything else (e.g. "72.4M" without --json-int) is -1. */
    private static long num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return -1;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        return ZfsListParser.parseLongOr(v.asText(), -1);
    }
}
