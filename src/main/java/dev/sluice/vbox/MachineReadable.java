package dev.sluice.vbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits VBoxManage {@code --machinereadable} output into key/value pairs, in order. Keys are
 * bare ({@code VMState}) or quoted ({@code "SATA Controller-0-0"}); values are quoted with
 * {@code \"} and {@code \\} escapes, or bare ({@code memory=2048}). Values may contain '='.
 * Lines that are not key=value (blank lines, warnings VBoxManage prints first) are skipped. A
 * quoted value may span lines (a VM description); a key seen twice keeps its first value.
 */
public final class MachineReadable {
    private MachineReadable() {
    }

    public static Map<String, String> parse(String output) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = output.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = stripCr(lines[n]);
            int[] pos = {0};
            String key;
            if (line.startsWith("\"")) {
                key = quoted(line, pos);
                if (key == null) {
                    continue;
                }
            } else {
                int eq = line.indexOf('=');
                if (eq <= 0 || line.substring(0, eq).contains(" ")) {
                    continue; // "Waiting for VM ...", "WARNING: ..." and other prose
                }
                key = line.substring(0, eq);
                pos[0] = eq;
            }
            if (pos[0] >= line.length() || line.charAt(pos[0]) != '=') {
                continue;
            }
            pos[0]++;
            String value;
            if (pos[0] < line.length() && line.charAt(pos[0]) == '"') {
                int start = pos[0];
                int first = n;
                String firstLine = line;
                value = quoted(line, pos);
                // a multi-line value (a VM description): its newlines are printed as they are, so
                // the value goes on until its closing quote, and its lines are never read as keys
                while (value == null && n + 1 < lines.length) {
                    line = line + "\n" + stripCr(lines[++n]);
                    pos[0] = start;
                    value = quoted(line, pos);
                }
                if (value == null) { // never closed: keep the first line's rest, read the others as usual
                    n = first;
                    value = firstLine.substring(start + 1);
                }
            } else {
                value = line.substring(pos[0]);
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private static String stripCr(String raw) {
        return raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** Reads a quoted string starting at pos[0] (the opening quote); leaves pos[0] after the closing one. */
    private static String quoted(String line, int[] pos) {
        StringBuilder sb = new StringBuilder();
        for (int i = pos[0] + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                sb.append(line.charAt(++i));
            } else if (c == '"') {
                pos[0] = i + 1;
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        return null;
    }
}
