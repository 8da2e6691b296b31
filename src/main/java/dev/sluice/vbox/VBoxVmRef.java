package dev.sluice.vbox;

import java.util.ArrayList;
import java.util.List;

/** One line of {@code VBoxManage list vms}: {@code "name" {uuid}}. */
public record VBoxVmRef(String name, String uuid) {

    /** Names may contain quotes and braces, so the uuid is taken from the end of the line. */
    public static List<VBoxVmRef> parseList(String output) {
        List<VBoxVmRef> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String l = line.strip();
            int brace = l.lastIndexOf(" {");
            if (!l.startsWith("\"") || !l.endsWith("}") || brace < 1 || l.charAt(brace - 1) != '"') {
                continue;
            }
            out.add(new VBoxVmRef(l.substring(1, brace - 1), l.substring(brace + 2, l.length() - 1)));
        }
        return out;
    }
}
