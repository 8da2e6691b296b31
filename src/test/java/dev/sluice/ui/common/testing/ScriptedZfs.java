package dev.sluice.ui.common.testing;

import dev.sluice.host.Command;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.ZfsCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A scripted host that answers the ZFS service's listing commands with real captured output
 * ({@code src/test/resources/fixtures/openzfs-2.x}, copied from the shared fixtures). Where the
 * capture used other {@code -o} columns than the service asks for, the lines are re-shaped into the
 * service's columns; the values stay the captured ones, and columns the capture lacks get the
 * values other captures of the same scenario show (lz4 compression, encryption roots).
 */
public final class ScriptedZfs {
    public static final String V23 = "openzfs-2.3";
    public static final String V21 = "openzfs-2.1";

    private ScriptedZfs() {
    }

    public static String fixture(String version, String file) {
        String path = "/fixtures/" + version + "/" + file;
        try (InputStream in = ScriptedZfs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A host with both pools healthy (2.3: {@code zpool status -j}; 2.1: {@code zpool list -Hpv}) and all datasets. */
    public static ScriptedRunner host(String version) {
        ScriptedRunner r = new ScriptedRunner();
        r.on("zfs", "version").stdout(fixture(version, "zfs-version.txt"));
        r.on(argv(ZfsCommands.pools())).stdout(withGuid(fixture(version, "zpool-list-Hp.txt")));
        if (version.equals(V23)) {
            String status = fixture(version, "zpool-status-j-json-int.txt");
            r.on(argv(statusJson("rpool"))).stdout(status);
            r.on(argv(statusJson("tank"))).stdout(status);
        } else {
            String tree = fixture(version, "zpool-list-Hpv.txt");
            r.on(argv(tree("rpool"))).stdout(tree);
            r.on(argv(tree("tank"))).stdout(tree);
        }
        r.on(argv(datasetsCommand())).stdout(datasets(version));
        r.onPrefix("zfs", "get", "-Hp", "-o", "name,property,value,source", "all")
                .stdout(fixture(version, "zfs-get-Hp-all-filesystem.txt"));
        r.on(argv(propertiesCommand("rpool/vboxzones/myvbox"))).stdout(fixture(version, "zfs-get-Hp-all-zvol.txt"));
        r.on(argv(propertiesCommand("rpool/secure"))).stdout(fixture(version, "zfs-get-Hp-all-encrypted.txt"));
        return r;
    }

    /** Same host after {@code zpool offline rpool .../virtio-tb-disk2}: rpool DEGRADED (2.3 capture). */
    public static ScriptedRunner degradedHost() {
        ScriptedRunner r = host(V23);
        r.on(argv(ZfsCommands.pools())).stdout(withGuid(fixture(V23, "zpool-list-Hp-degraded.txt")));
        r.on(argv(statusJson("rpool"))).stdout(fixture(V23, "zpool-status-j-degraded.txt"));
        return r;
    }

    public static String[] argv(Command c) {
        return c.argv().toArray(String[]::new);
    }

    public static Command statusJson(String pool) {
        try {
            return ZfsCommands.poolStatusJson(pool);
        } catch (InvalidZfsNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Command tree(String pool) {
        try {
            return ZfsCommands.poolTree(pool);
        } catch (InvalidZfsNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Command datasetsCommand() {
        try {
            return ZfsCommands.datasets(null);
        } catch (InvalidZfsNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Command propertiesCommand(String name) {
        try {
            return ZfsCommands.properties(name);
        } catch (InvalidZfsNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** zpool list was captured without the guid column the service asks for. */
    public static String withGuid(String captured) {
        StringBuilder b = new StringBuilder();
        for (String line : captured.split("\n")) {
            if (!line.isBlank()) {
                b.append(line).append("\t4825205220660292499\n");
            }
        }
        return b.toString();
    }

    /**
     * {@code zfs-list-Hp-all.txt} (name,type,used,avail,refer,volsize,mountpoint,origin,creation,encryption,keystatus)
     * re-shaped into the service's dataset columns, snapshots left out as {@code -t filesystem,volume} does;
     * {@code mounted} from {@code zfs-list-keystatus.txt}.
     */
    public static String datasets(String version) {
        java.util.Map<String, String> mounted = new java.util.HashMap<>();
        for (String line : fixture(version, "zfs-list-keystatus.txt").split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length >= 7) {
                mounted.put(f[0], f[6]);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String line : fixture(version, "zfs-list-Hp-all.txt").split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 11 || f[1].equals("snapshot")) {
                continue;
            }
            boolean vol = f[1].equals("volume");
            boolean encrypted = !f[9].equals("off");
            String encRoot = encrypted ? f[0].replaceAll("/.*", "").equals(f[0]) ? f[0] : encryptionRootOf(f[0]) : "-";
            b.append(String.join("\t", f[0], f[1], f[2], f[3], f[4], f[5], vol ? "16384" : "-", f[0].startsWith("rpool") ? "lz4" : "off",
                    f[9], encRoot, f[10], f[7], f[6], vol ? "-" : mountedNow(f, mounted),
                    vol && f[7].equals("-") ? "274726912" : "0", "1000" + Math.abs(f[0].hashCode()), "10", f[8], "-"))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * keystatus.txt was captured after the key of rpool/secure was unloaded; list-Hp-all before. Keep
     * one moment: an encrypted filesystem is mounted exactly when its key is loaded.
     */
    private static String mountedNow(String[] f, java.util.Map<String, String> mounted) {
        if (f[10].equals("available")) {
            return "yes";
        }
        if (f[10].equals("unavailable")) {
            return "no";
        }
        return mounted.getOrDefault(f[0], "yes");
    }

    /** In these captures each encrypted tree is its own root: rpool/secure, tank/secure-raw. */
    private static String encryptionRootOf(String name) {
        String[] parts = name.split("/");
        return parts.length >= 2 ? parts[0] + "/" + parts[1] : name;
    }
}
