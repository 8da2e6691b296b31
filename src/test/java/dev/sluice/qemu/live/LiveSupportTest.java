package dev.sluice.qemu.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe against the schema captured from Debian 12's qemu-system-x86_64 7.2.22, and that schema with parts cut out. */
class LiveSupportTest {

    private static JsonNode captured() throws Exception {
        try (InputStream in = LiveSupportTest.class.getResourceAsStream("/fixtures/qemu-7.2/qmp-version-and-schema.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void qemu72CanMoveADriveLive() throws Exception {
        JsonNode f = captured();
        LiveSupport s = LiveSupport.of(f.get("version"), f.get("schema"));
        assertEquals("7.2.22", s.qemuVersion());
        assertEquals(List.of(), s.missing());
        assertTrue(s.possible());
    }

    @Test
    void anOlderQemuSaysWhatItLacks() throws Exception {
        JsonNode f = captured();
        ArrayNode schema = (ArrayNode) f.get("schema");
        for (JsonNode e : schema) {
            // like QEMU before 4.2: no bitmap-mode, no write-blocking mirror (before 3.0)
            for (JsonNode m : e.path("members")) {
                if (m.path("name").asText().equals("bitmap-mode")) {
                    ((ObjectNode) m).put("name", "x-gone");
                }
            }
            if (e.path("meta-type").asText().equals("enum")) {
                ArrayNode values = (ArrayNode) e.path("values");
                for (int i = values.size() - 1; i >= 0; i--) {
                    if (values.get(i).asText().equals("write-blocking")) {
                        values.remove(i);
                    }
                }
                if (e.has("members")) {
                    ArrayNode members = (ArrayNode) e.get("members");
                    for (int i = members.size() - 1; i >= 0; i--) {
                        if (members.get(i).path("name").asText().equals("write-blocking")) {
                            members.remove(i);
                        }
                    }
                }
            }
        }
        ((ObjectNode) f.get("version").get("qemu")).put("major", 3).put("minor", 1).put("micro", 0);
        LiveSupport s = LiveSupport.of(f.get("version"), schema);
        assertEquals("3.1.0", s.qemuVersion());
        assertEquals(List.of("blockdev-backup.bitmap-mode", "blockdev-mirror.copy-mode=write-blocking"), s.missing());
    }
}
