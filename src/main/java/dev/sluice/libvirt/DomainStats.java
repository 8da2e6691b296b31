package dev.sluice.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One domain's block from {@code virsh domstats --state [--block]}: its state and, per drive, the
 * cumulative I/O counters. virsh prints {@code Domain: 'name'} then indented {@code key=value} lines.
 */
public record DomainStats(String name, LibvirtState state, List<Block> blocks) {

    public DomainStats {
        blocks = List.copyOf(blocks);
    }

    /** A drive ({@code vda}) with the path it reads and its counters since QEMU started (0 while shut off). */
    public record Block(String name, String path, long readRequests, long readBytes, long writeRequests, long writeBytes) {
    }

    /** Every domain in the output, in its order. Lines it does not know are skipped: virsh adds keys over versions. */
    public static List<DomainStats> parse(String out) throws LibvirtException {
        List<DomainStats> all = new ArrayList<>();
        String name = null;
        Map<String, String> keys = new LinkedHashMap<>();
        for (String raw : out.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (raw.startsWith("Domain: ")) {
                if (name != null) {
                    all.add(of(name, keys));
                }
                String quoted = raw.substring("Domain: ".length()).strip();
                if (quoted.length() < 2 || quoted.charAt(0) != '\'' || quoted.charAt(quoted.length() - 1) != '\'') {
                    throw LibvirtException.unexpected("domstats line " + raw);
                }
                name = quoted.substring(1, quoted.length() - 1);
                keys = new LinkedHashMap<>();
            } else if (name != null) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    keys.put(line.substring(0, eq), line.substring(eq + 1));
                }
            } else {
                throw LibvirtException.unexpected("domstats line " + raw);
            }
        }
        if (name != null) {
            all.add(of(name, keys));
        }
        return all;
    }

    private static DomainStats of(String name, Map<String, String> k) {
        LibvirtState state = LibvirtState.of((int) num(k, "state.state"), (int) num(k, "state.reason"));
        List<Block> blocks = new ArrayList<>();
        long count = num(k, "block.count");
        for (int i = 0; i < count; i++) {
            String p = "block." + i + ".";
            blocks.add(new Block(k.getOrDefault(p + "name", ""), k.get(p + "path"), num(k, p + "rd.reqs"), num(k, p + "rd.bytes"),
                    num(k, p + "wr.reqs"), num(k, p + "wr.bytes")));
        }
        return new DomainStats(name, state, blocks);
    }

    private static long num(Map<String, String> k, String key) {
        String v = k.get(key);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
