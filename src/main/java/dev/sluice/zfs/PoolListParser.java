package dev.sluice.zfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code zpool list -Hp -o} {@link #POOL_COLUMNS}, and the vdev tree of {@code zpool list -Hpv}
 * (default columns: name size alloc free ckpoint expandsz frag cap dedup health altroot) which is
 * the only machine-readable vdev tree OpenZFS 2.1 offers.
 *
 * <p>With {@code -H} the indentation of {@code -v} is gone, so nesting is inferred: a group
 * (mirror-N, raidzK-N, draid..., spare-N, replacing-N) or a leaf with its own allocation figures is
 * a top-level vdev; a leaf with "-" allocation belongs to the group above it. Devices after a
 * {@code logs}/{@code cache}/{@code spare}/{@code special}/{@code dedup} header line are top-level
 * vdevs of that class; OpenZFS 2.1 pads those header lines with spaces instead of tabs, even with
 * {@code -H}. A spare or replacing group inside a mirror is shown flat under the mirror.
 */
public final class PoolListParser {

    public static final List<String> POOL_COLUMNS = List.of("name", "size", "alloc", "free", "frag", "cap", "dedup",
            "health", "altroot", "guid");

    private static final Set<String> CLASS_HEADERS = Set.of("logs", "log", "cache", "spare", "spares", "special", "dedup");

    private PoolListParser() {
    }

    public static List<Pool> pools(String output) {
        List<Pool> out = new ArrayList<>();
        if (output.strip().equals("no pools available")) {
            return out;
        }
        String[] f = new String[POOL_COLUMNS.size()];
        ZfsListParser.forEachLine(output, f, line -> out.add(new Pool(f[0], ZfsListParser.num(f[1]),
                ZfsListParser.num(f[2]), ZfsListParser.num(f[3]), (int) ZfsListParser.num(f[4]),
                (int) ZfsListParser.num(f[5]), ratio(f[6]), Health.parse(f[7]), ZfsListParser.text(f[8]),
                ZfsListParser.text(f[9]))));
        return out;
    }

    static double ratio(String s) {
        try {
            return Double.parseDouble(s.endsWith("x") ? s.substring(0, s.length() - 1) : s);
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    /** Vdev trees by pool name, from {@code zpool list -Hpv}; error counts are unknown (-1). */
    public static Map<String, PoolStatus> vdevTrees(String output) {
        Map<String, PoolStatus> out = new LinkedHashMap<>();
        Node root = null;
        Node group = null;
        String poolName = null;
        Health poolHealth = Health.UNKNOWN;
        String vdevClass = "normal";
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.indexOf('\t') < 0 && isClassHeader(line)) {
                // 2.1 prints these with spaces even under -H: "logs      -      -  ...  -"
                vdevClass = classOf(line.strip().split(" +")[0]);
                group = null;
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 10) {
                throw new UnexpectedOutputException("zpool list -Hpv columns", line);
            }
            if (!f[0].isEmpty()) {
                if (root != null) {
                    out.put(poolName, tree(poolName, poolHealth, root));
                }
                poolName = f[0];
                poolHealth = Health.parse(f[9]);
                root = new Node(poolName, VdevType.ROOT, poolHealth, ZfsListParser.num(f[1]), ZfsListParser.num(f[2]), "normal");
                group = null;
                vdevClass = "normal";
                continue;
            }
            if (root == null) {
                throw new UnexpectedOutputException("a pool line before its vdevs", line);
            }
            String name = f[1];
            Health state = Health.parse(f[10 <= f.length - 1 ? 10 : f.length - 1]);
            long size = ZfsListParser.num(f[2]);
            long alloc = ZfsListParser.num(f[3]);
            if (CLASS_HEADERS.contains(name) && size < 0 && state == Health.UNKNOWN) {
                vdevClass = classOf(name);
                group = null;
                continue;
            }
            VdevType type = VdevType.fromName(name);
            Node node = new Node(name, type, state, size, alloc, vdevClass);
            boolean topLevel = group == null || alloc >= 0 || vdevClass.equals("cache") || vdevClass.equals("spare");
            if (type.isGroup() && (type == VdevType.SPARE || type == VdevType.REPLACING) && group != null && alloc < 0) {
                topLevel = false;
            }
            if (topLevel) {
                root.children.add(node);
                group = type.isGroup() ? node : null;
            } else {
                group.children.add(node);
            }
        }
        if (root != null) {
            out.put(poolName, tree(poolName, poolHealth, root));
        }
        return out;
    }

    /** A class header as 2.1 prints it: the class word, then only dashes, separated by spaces. */
    private static boolean isClassHeader(String line) {
        String[] words = line.strip().split(" +");
        if (words.length < 2 || !CLASS_HEADERS.contains(words[0])) {
            return false;
        }
        for (int i = 1; i < words.length; i++) {
            if (!words[i].equals("-")) {
                return false;
            }
        }
        return true;
    }

    private static String classOf(String header) {
        return switch (header) {
            case "logs", "log" -> "log";
            case "spare", "spares" -> "spare";
            default -> header;
        };
    }

    private static PoolStatus tree(String name, Health health, Node root) {
        return new PoolStatus(name, health, null, null, null, root.toVdev(), ScrubState.UNAVAILABLE, -1, false);
    }

    private static final class Node {
        final String name;
        final VdevType type;
        final Health state;
        final long size;
        final long alloc;
        final String vdevClass;
        final List<Node> children = new ArrayList<>();

        Node(String name, VdevType type, Health state, long size, long alloc, String vdevClass) {
            this.name = name;
            this.type = type;
            this.state = state;
            this.size = size;
            this.alloc = alloc;
            this.vdevClass = vdevClass;
        }

        Vdev toVdev() {
            return new Vdev(name, null, type, state, -1, -1, -1, size, alloc, vdevClass,
                    children.stream().map(Node::toVdev).toList());
        }
    }
}
