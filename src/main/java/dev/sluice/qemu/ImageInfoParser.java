package dev.sluice.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code qemu-img info --output=json}: one object, or with {@code --backing-chain} an
 * array whose first element is the image and the rest its backing files, nearest first.
 */
public final class ImageInfoParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageInfoParser() {
    }

    public static ImageInfo parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("qemu-img info did not print JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("qemu-img info printed nothing");
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw new IllegalArgumentException("qemu-img info printed an empty backing chain");
            }
            List<ImageInfo> chain = new ArrayList<>();
            for (int i = 1; i < root.size(); i++) {
                chain.add(one(root.get(i)));
            }
            return one(root.get(0)).withBackingChain(chain);
        }
        return one(root);
    }

    private static ImageInfo one(JsonNode n) {
        List<ImageSnapshot> snaps = new ArrayList<>();
        for (JsonNode s : n.path("snapshots")) {
            snaps.add(new ImageSnapshot(s.path("id").asText(), s.path("name").asText(),
                    Instant.ofEpochSecond(s.path("date-sec").asLong(), s.path("date-nsec").asLong()),
                    s.path("vm-state-size").asLong()));
        }
        JsonNode specific = n.path("format-specific").path("data");
        String backing = n.hasNonNull("full-backing-filename") ? n.get("full-backing-filename").asText()
                : n.hasNonNull("backing-filename") ? n.get("backing-filename").asText() : null;
        return new ImageInfo(
                n.path("filename").asText(),
                n.path("format").asText(),
                n.path("virtual-size").asLong(),
                n.has("actual-size") ? n.get("actual-size").asLong() : -1,
                n.path("dirty-flag").asBoolean(false),
                Optional.ofNullable(backing),
                Optional.ofNullable(n.hasNonNull("backing-filename-format") ? n.get("backing-filename-format").asText() : null),
                n.path("cluster-size").asLong(0),
                n.path("encrypted").asBoolean(false),
                specific.path("corrupt").asBoolean(false),
                snaps,
                List.of());
    }
}
