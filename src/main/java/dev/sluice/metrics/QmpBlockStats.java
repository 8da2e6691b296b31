package dev.sluice.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the QMP {@code query-blockstats} reply. Each entry is a drive as the guest sees it; its
 * name is {@code device} for {@code -drive id=...}, and for {@code -blockdev} setups (empty
 * device) the front end's id taken from {@code qdev}
 * ({@code /machine/peripheral/virtio-disk0/virtio-backend} is {@code virtio-disk0}), else the
 * node name. Entries without a front end (nodes nobody attached) are left out.
 */
public final class QmpBlockStats {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERIPHERAL = "/machine/peripheral/";

    private QmpBlockStats() {
    }

    /** The whole reply ({@code {"return": [...]}}) or just its array. */
    public static List<BlockStatsSource.DriveStats> parse(String json) throws ThroughputUnavailable {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(e.getOriginalMessage());
        }
        if (root != null && root.has("error")) {
            throw new ThroughputUnavailable("VM drives", "QEMU refused query-blockstats: "
                    + root.path("error").path("desc").asText("unknown error")
                    + ". The VM's QMP monitor may be too old or busy; restart the VM to read its drive statistics.");
        }
        JsonNode list = root != null && root.has("return") ? root.get("return") : root;
        if (list == null || !list.isArray()) {
            throw invalid("no list of drives in the reply");
        }
        List<BlockStatsSource.DriveStats> out = new ArrayList<>();
        for (JsonNode entry : list) {
            String name = driveName(entry);
            JsonNode stats = entry.path("stats");
            if (name.isEmpty() || !stats.isObject()) {
                continue;
            }
            out.add(new BlockStatsSource.DriveStats(name, stats.path("rd_bytes").asLong(), stats.path("wr_bytes").asLong(),
                    stats.path("rd_operations").asLong(), stats.path("wr_operations").asLong()));
        }
        return out;
    }

    static String driveName(JsonNode entry) {
        String device = entry.path("device").asText("");
        if (!device.isEmpty()) {
            return device;
        }
        String qdev = entry.path("qdev").asText("");
        if (qdev.startsWith(PERIPHERAL)) {
            String rest = qdev.substring(PERIPHERAL.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        if (!qdev.isEmpty()) {
            return qdev;
        }
        return entry.path("node-name").asText("");
    }

    private static ThroughputUnavailable invalid(String why) {
        return new ThroughputUnavailable("VM drives", "QEMU's answer to query-blockstats could not be read (" + why
                + "). This QEMU version may not be supported; the VM itself is unaffected.");
    }
}
