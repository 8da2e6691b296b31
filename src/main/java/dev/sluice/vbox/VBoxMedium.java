package dev.sluice.vbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One registered hard disk from {@code VBoxManage list hdds}: the only listing of every medium
 * VirtualBox knows, including those only its snapshots still use. VBoxManage has no
 * machine-readable form of it; its blocks of {@code Key: value} lines (a blank line between
 * media) are stable from 5.x to 7.2 and are read by key, never by column.
 */
public record VBoxMedium(String uuid, String parentUuid, String state, String type, String location, String format) {

    /** {@code state} "inaccessible": VirtualBox could not open it (a raw VMDK whose device is gone or locked). */
    public boolean accessible() {
        return !"inaccessible".equals(state);
    }

    public static List<VBoxMedium> parseList(String output) {
        List<VBoxMedium> out = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String raw : (output + "\n").split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            int colon = line.indexOf(':');
            if (line.isBlank()) {
                if (block.containsKey("UUID") && block.containsKey("Location")) {
                    out.add(new VBoxMedium(block.get("UUID"), block.getOrDefault("Parent UUID", ""), block.getOrDefault("State", ""),
                            block.getOrDefault("Type", ""), block.get("Location"), block.getOrDefault("Storage format", "")));
                }
                block.clear();
            } else if (colon > 0 && !line.startsWith(" ") && !line.startsWith("\t")) {
                block.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return out;
    }
}
