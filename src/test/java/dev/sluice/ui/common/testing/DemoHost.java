package dev.sluice.ui.common.testing;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.zfs.ZfsCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted host that looks like a real VM server, for screenshots and demos: three pools (a raidz2
 * being scrubbed, a nearly full NVMe mirror, a degraded backup mirror with a faulted disk) and a
 * dozen VM disks, some encrypted. Output is in exactly the formats OpenZFS 2.3 prints
 * ({@code zpool list -Hp}, {@code zpool status -j --json-int}, {@code zfs list -Hp}, {@code zfs get -Hp}),
 * modelled on the captured fixtures; only the numbers and names are made up.
 */
public final class DemoHost {
    private static final long G = 1L << 30;
    private static final long T = 1L << 40;
    private static final long NOW = 1795256400L;

    private DemoHost() {
    }

    public static ScriptedRunner create() {
        ScriptedRunner r = new ScriptedRunner();
        r.notInstalled("virsh"); // no libvirt on the demo host (a test can script virsh over this)
        r.on("zfs", "version").stdout("zfs-2.3.2-2~bpo12+2\nzfs-kmod-2.3.2-2~bpo12+2\n");
        r.on(ScriptedZfs.argv(ZfsCommands.pools())).stdout(String.join("\n",
                pool("backup", 8 * T - 200 * G, 96, 2, "DEGRADED", "731625399821556021"),
                pool("fast", 1862 * G, 86, 31, "ONLINE", "1193829941251130717"),
                pool("tank", 43 * T + 600 * G, 72, 9, "ONLINE", "4825205220660292499")) + "\n");
        r.on(ScriptedZfs.argv(ScriptedZfs.statusJson("tank"))).stdout(wrap(tank()));
        r.on(ScriptedZfs.argv(ScriptedZfs.statusJson("fast"))).stdout(wrap(fast()));
        r.on(ScriptedZfs.argv(ScriptedZfs.statusJson("backup"))).stdout(wrap(backup()));
        r.on(ScriptedZfs.argv(ScriptedZfs.datasetsCommand())).stdout(datasets());
        r.onPrefix("zfs", "get", "-Hp", "-o", "name,property,value,source", "all")
                .answer(c -> new ScriptedRunner.Answer(0, properties(c.argv().get(c.argv().size() - 1)), "", List.of(), null));
        String disk = "fast/vm/k8s-node1-disk0";
        r.on("zfs", "destroy", "-nvp", disk).fail(1, "cannot destroy '" + disk + "': volume has children\n"
                + "use '-r' to destroy the following datasets:\n" + disk + "@install\n" + disk + "@pre-upgrade-1.30\n");
        r.on("zfs", "destroy", "-nvp", "-r", disk).stdout("destroy\t" + disk + "@install\ndestroy\t" + disk
                + "@pre-upgrade-1.30\ndestroy\t" + disk + "@daily-2026-11-20\ndestroy\t" + disk + "\nreclaim\t"
                + (14 * G + 210 * 1024 * 1024) + "\n");
        return r;
    }

    private static String pool(String name, long size, int cap, int frag, String health, String guid) {
        long alloc = size * cap / 100;
        return String.join("\t", name, Long.toString(size), Long.toString(alloc), Long.toString(size - alloc),
                Integer.toString(frag), Integer.toString(cap), "1.00", health, "-", guid);
    }

    private static String wrap(String pool) {
        return "{\"output_version\":{\"command\":\"zpool status\",\"vers_major\":0,\"vers_minor\":1},\"pools\":{" + pool + "}}";
    }

    private static String disk(String name, String state, int read, int write, int cksum) {
        return "\"" + name + "\":{\"name\":\"" + name + "\",\"vdev_type\":\"disk\",\"guid\":" + Math.abs((long) name.hashCode())
                + ",\"path\":\"/dev/disk/by-id/" + name + "-part1\",\"class\":\"normal\",\"state\":\"" + state
                + "\",\"read_errors\":" + read + ",\"write_errors\":" + write + ",\"checksum_errors\":" + cksum + ",\"slow_ios\":0}";
    }

    private static String group(String name, String type, String state, List<String> children) {
        return "\"" + name + "\":{\"name\":\"" + name + "\",\"vdev_type\":\"" + type + "\",\"guid\":" + Math.abs((long) name.hashCode())
                + ",\"class\":\"normal\",\"state\":\"" + state + "\",\"read_errors\":0,\"write_errors\":0,\"checksum_errors\":0,"
                + "\"vdevs\":{" + String.join(",", children) + "}}";
    }

    private static String poolJson(String name, String state, String extra, String rootGroup) {
        return "\"" + name + "\":{\"name\":\"" + name + "\",\"state\":\"" + state + "\",\"pool_guid\":1,\"txg\":120934,"
                + "\"spa_version\":5000,\"zpl_version\":5," + extra + "\"vdevs\":{" + group(name, "root", state, List.of(rootGroup))
                + "},\"error_count\":0}";
    }

    private static String tank() {
        List<String> disks = new ArrayList<>();
        for (String serial : List.of("VK0HB3RY", "VK0HBA1Y", "VK0J6T2Y", "VK0JD4KY", "VK0JDE7Y", "VK0K2M9Y")) {
            disks.add(disk("ata-WDC_WD80EFZX-68UW8N0_" + serial, "ONLINE", 0, 0, 0));
        }
        long toExamine = 31 * T + 410 * G;
        String scan = "\"scan_stats\":{\"function\":\"SCRUB\",\"state\":\"SCANNING\",\"start_time\":" + (NOW - 5 * 3600 - 740)
                + ",\"end_time\":0,\"to_examine\":" + toExamine + ",\"examined\":" + (toExamine * 71 / 100) + ",\"skipped\":0,"
                + "\"processed\":0,\"errors\":0,\"issued\":" + (toExamine * 63 / 100) + ",\"scrub_pause\":0},";
        return poolJson("tank", "ONLINE", scan, group("raidz2-0", "raidz", "ONLINE", disks));
    }

    private static String fast() {
        String scan = "\"scan_stats\":{\"function\":\"SCRUB\",\"state\":\"FINISHED\",\"start_time\":" + (NOW - 6 * 86400)
                + ",\"end_time\":" + (NOW - 6 * 86400 + 1460) + ",\"to_examine\":" + (1601 * G) + ",\"examined\":" + (1601 * G)
                + ",\"errors\":0,\"issued\":" + (1601 * G) + ",\"scrub_pause\":0},";
        return poolJson("fast", "ONLINE", scan, group("mirror-0", "mirror", "ONLINE", List.of(
                disk("nvme-Samsung_SSD_980_PRO_2TB_S69ENF0R812345", "ONLINE", 0, 0, 0),
                disk("nvme-Samsung_SSD_980_PRO_2TB_S69ENF0R867890", "ONLINE", 0, 0, 0))));
    }

    private static String backup() {
        String texts = "\"status\":\"One or more devices are faulted in response to persistent errors.\\n\\tSufficient replicas exist for the pool to continue functioning in a\\n\\tdegraded state.\\n\","
                + "\"action\":\"Replace the faulted device, or use 'zpool clear' to mark the device\\n\\trepaired.\\n\","
                + "\"scan_stats\":{\"function\":\"SCRUB\",\"state\":\"FINISHED\",\"start_time\":" + (NOW - 20 * 86400)
                + ",\"end_time\":" + (NOW - 20 * 86400 + 30000) + ",\"to_examine\":" + (7 * T) + ",\"examined\":" + (7 * T)
                + ",\"errors\":12,\"issued\":" + (7 * T) + ",\"scrub_pause\":0},";
        return poolJson("backup", "DEGRADED", texts, group("mirror-0", "mirror", "DEGRADED", List.of(
                disk("ata-ST8000VN004-2M2101_WSD5F1QK", "ONLINE", 0, 0, 0),
                disk("ata-ST8000VN004-2M2101_WSD5K7XA", "FAULTED", 3, 0, 12))));
    }

    private static String ds(String name, String type, long used, long avail, long refer, long volsize, String compression,
                             String encryption, String encRoot, String keystatus, boolean mounted, long refres) {
        boolean vol = type.equals("volume");
        return String.join("\t", name, type, Long.toString(used), Long.toString(avail), Long.toString(refer),
                vol ? Long.toString(volsize) : "-", vol ? "16384" : "-", compression, encryption, encRoot, keystatus, "-",
                vol ? "-" : "/" + name, vol ? "-" : mounted ? "yes" : "no", Long.toString(refres),
                Long.toString(Math.abs((long) name.hashCode()) * 7919), "1200", Long.toString(NOW - 86400L * 40), "-");
    }

    static String datasets() {
        long fastAvail = 240 * G;
        long tankAvail = 11 * T;
        List<String> l = List.of(
                ds("backup", "filesystem", 7 * T + 380 * G, 300 * G, 96 * 1024, -1, "zstd", "off", "-", "-", true, 0),
                ds("backup/replica", "filesystem", 7 * T + 380 * G, 300 * G, 96 * 1024, -1, "zstd", "off", "-", "-", true, 0),
                ds("fast", "filesystem", 1600 * G, fastAvail, 96 * 1024, -1, "lz4", "off", "-", "-", true, 0),
                ds("fast/vm", "filesystem", 1590 * G, fastAvail, 96 * 1024, -1, "lz4", "off", "-", "-", true, 0),
                ds("fast/vm/win11-disk0", "volume", 132 * G + 555 * 1024 * 1024, fastAvail + 60 * G, 71 * G + 310 * 1024 * 1024, 128 * G, "lz4", "off", "-", "-", false, 132 * G),
                ds("fast/vm/debian12-disk0", "volume", 21 * G + 870 * 1024 * 1024, fastAvail, 18 * G + 40 * 1024 * 1024, 64 * G, "lz4", "off", "-", "-", false, 0),
                ds("fast/vm/k8s-node1-disk0", "volume", 14 * G + 210 * 1024 * 1024, fastAvail, 12 * G, 32 * G, "lz4", "off", "-", "-", false, 0),
                ds("fast/vm/k8s-node2-disk0", "volume", 13 * G + 988 * 1024 * 1024, fastAvail, 12 * G, 32 * G, "lz4", "off", "-", "-", false, 0),
                ds("fast/vm/k8s-node3-disk0", "volume", 14 * G + 2 * 1024 * 1024, fastAvail, 12 * G, 32 * G, "lz4", "off", "-", "-", false, 0),
                ds("fast/vm/pfsense-disk0", "volume", 3 * G + 512 * 1024 * 1024, fastAvail, 3 * G, 16 * G, "lz4", "off", "-", "-", false, 0),
                ds("tank", "filesystem", 31 * T, tankAvail, 200 * 1024, -1, "lz4", "off", "-", "-", true, 0),
                ds("tank/media", "filesystem", 22 * T + 300 * G, tankAvail, 22 * T + 300 * G, -1, "off", "off", "-", "-", true, 0),
                ds("tank/secure", "filesystem", 1 * T + 20 * G, tankAvail, 200 * 1024, -1, "lz4", "aes-256-gcm", "tank/secure", "unavailable", false, 0),
                ds("tank/secure/ledger-disk0", "volume", 180 * G, tankAvail, 150 * G, 256 * G, "lz4", "aes-256-gcm", "tank/secure", "unavailable", false, 0),
                ds("tank/vm", "filesystem", 7 * T, tankAvail, 200 * 1024, -1, "lz4", "off", "-", "-", true, 0),
                ds("tank/vm/nextcloud-data", "volume", 3 * T + 210 * G, tankAvail, 2 * T + 800 * G, 4 * T, "zstd", "aes-256-gcm", "tank/vm/nextcloud-data", "available", false, 0),
                ds("tank/vm/gitlab-disk0", "volume", 410 * G, tankAvail, 300 * G, 500 * G, "lz4", "off", "-", "-", false, 0),
                ds("tank/vm/old-win7-disk0", "volume", 88 * G, tankAvail, 88 * G, 120 * G, "lz4", "off", "-", "-", false, 0));
        return String.join("\n", l) + "\n";
    }

    /** Answers the destroy dry runs for the screenshot of the destroy dialog: a VM disk with snapshots. */
    static void scriptDestroy(dev.sluice.ui.volumes.VolumesViewModel vm) {
        // nothing: the runner is reached through the service; see create() for the answers
    }

    /** {@code zfs get -Hp all} for a VM disk, in the captured fixture's order and sources. */
    static String properties(String name) {
        String[][] p = {
                {"type", "volume", "-"}, {"creation", Long.toString(NOW - 86400L * 40), "-"},
                {"used", Long.toString(132 * G + 555 * 1024 * 1024), "-"}, {"available", Long.toString(300 * G), "-"},
                {"referenced", Long.toString(71 * G + 310 * 1024 * 1024), "-"}, {"compressratio", "1.38", "-"},
                {"reservation", "0", "default"}, {"volsize", Long.toString(128 * G), "local"},
                {"volblocksize", "16384", "default"}, {"checksum", "on", "default"}, {"compression", "lz4", "inherited from fast"},
                {"readonly", "off", "default"}, {"createtxg", "1200", "-"}, {"copies", "1", "default"},
                {"refreservation", Long.toString(132 * G), "local"}, {"guid", "10616262867369995666", "-"},
                {"primarycache", "all", "default"}, {"secondarycache", "all", "default"},
                {"usedbysnapshots", Long.toString(3 * G), "-"}, {"usedbydataset", Long.toString(71 * G), "-"},
                {"usedbychildren", "0", "-"}, {"usedbyrefreservation", Long.toString(58 * G), "-"},
                {"logbias", "latency", "default"}, {"objsetid", "1062", "-"}, {"dedup", "off", "default"},
                {"mlslabel", "none", "default"}, {"sync", "standard", "default"}, {"refcompressratio", "1.41", "-"},
                {"written", Long.toString(2 * G), "-"}, {"logicalused", Long.toString(98 * G), "-"},
                {"logicalreferenced", Long.toString(97 * G), "-"}, {"volmode", "default", "default"},
                {"snapshot_limit", "18446744073709551615", "default"}, {"snapshot_count", "18446744073709551615", "default"},
                {"snapdev", "hidden", "default"}, {"context", "none", "default"}, {"redundant_metadata", "all", "default"},
                {"encryption", "off", "default"}, {"keylocation", "none", "default"}, {"keyformat", "none", "default"},
                {"pbkdf2iters", "0", "default"}, {"snapshots_changed", Long.toString(NOW - 3600), "-"},
                {"prefetch", "all", "default"}};
        StringBuilder b = new StringBuilder();
        for (String[] x : p) {
            b.append(name).append('\t').append(x[0]).append('\t').append(x[1]).append('\t').append(x[2]).append('\n');
        }
        return b.toString();
    }
}
