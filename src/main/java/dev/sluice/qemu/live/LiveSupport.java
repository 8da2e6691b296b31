package dev.sluice.qemu.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.qemu.qmp.QmpClient;
import dev.sluice.qemu.qmp.QmpException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a running QEMU can move a drive live the way {@link LiveDriveMove} does, read from its own QMP schema
 * ({@code query-qmp-schema}) rather than from its version number: distributions backport and strip features.
 * {@code missing} names each command or argument that is not there ({@code blockdev-backup.bitmap-mode}).
 */
public record LiveSupport(String qemuVersion, List<String> missing) {

    public LiveSupport {
        missing = List.copyOf(missing);
    }

    public boolean possible() {
        return missing.isEmpty();
    }

    /** What the sequence needs: command name, then the arguments it passes. */
    static final Map<String, List<String>> NEEDED = Map.of(
            "block-dirty-bitmap-add", List.of("node", "name", "persistent"),
            "block-dirty-bitmap-merge", List.of("node", "target", "bitmaps"),
            "block-dirty-bitmap-remove", List.of("node", "name"),
            "blockdev-add", List.of(),
            "blockdev-del", List.of("node-name"),
            "blockdev-backup", List.of("job-id", "device", "target", "sync", "bitmap", "bitmap-mode"),
            "blockdev-mirror", List.of("job-id", "device", "target", "sync", "copy-mode"),
            "block-job-complete", List.of("device"),
            "block-job-cancel", List.of("device", "force"),
            "transaction", List.of("actions"));

    public static LiveSupport probe(QmpClient qmp) throws QmpException {
        return of(qmp.execute("query-version"), qmp.execute("query-qmp-schema"));
    }

    /** From {@code query-version}'s and {@code query-qmp-schema}'s return values. */
    public static LiveSupport of(JsonNode version, JsonNode schema) {
        JsonNode q = version.path("qemu");
        String v = q.path("major").asInt() + "." + q.path("minor").asInt() + "." + q.path("micro").asInt();
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode e : schema) {
            byName.put(e.path("name").asText(), e);
        }
        List<String> missing = new ArrayList<>();
        for (String cmd : NEEDED.keySet().stream().sorted().toList()) {
            JsonNode c = byName.get(cmd);
            if (c == null || !"command".equals(c.path("meta-type").asText())) {
                missing.add(cmd);
                continue;
            }
            Set<String> members = members(byName, c.path("arg-type").asText());
            for (String arg : NEEDED.get(cmd)) {
                if (!members.contains(arg)) {
                    missing.add(cmd + "." + arg);
                }
            }
        }
        // sync=bitmap and copy-mode=write-blocking are enum values, not arguments
        if (!enumHas(byName, "bitmap")) {
            missing.add("blockdev-backup.sync=bitmap");
        }
        if (!enumHas(byName, "write-blocking")) {
            missing.add("blockdev-mirror.copy-mode=write-blocking");
        }
        return new LiveSupport(v, missing);
    }

    private static Set<String> members(Map<String, JsonNode> byName, String type) {
        Set<String> out = new HashSet<>();
        JsonNode t = byName.get(type);
        if (t == null) {
            return out;
        }
        for (JsonNode m : t.path("members")) {
            out.add(m.path("name").asText());
        }
        // QAPI bases are flattened into members; variants of unions carry their own members
        for (JsonNode v : t.path("variants")) {
            out.addAll(members(byName, v.path("type").asText()));
        }
        return out;
    }

    private static boolean enumHas(Map<String, JsonNode> byName, String value) {
        for (JsonNode e : byName.values()) {
            if ("enum".equals(e.path("meta-type").asText())) {
                for (JsonNode v : e.path("values")) {
                    if (v.asText().equals(value)) {
                        return true;
                    }
                }
                for (JsonNode m : e.path("members")) {
                    if (m.path("name").asText().equals(value)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
