package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commands the UI shows before running them. */
class ZfsCommandsTest {

    @Test
    void listingsThatGrowWithTheHostMayRunLongerThanOtherCommands() throws Exception {
        // a million snapshots, or a slow host: zfs list takes minutes, and the default two would cut it off
        assertEquals(java.time.Duration.ofMinutes(20), ZfsCommands.snapshots(null).timeout());
        assertEquals(java.time.Duration.ofMinutes(20), ZfsCommands.snapshots("tank/vm").timeout());
        assertEquals(java.time.Duration.ofMinutes(20), ZfsCommands.datasets(null).timeout());
        assertEquals(Command.DEFAULT_TIMEOUT, ZfsCommands.dataset("tank/vm").timeout());
    }

    @Test
    void listings() throws Exception {
        assertEquals(List.of("zfs", "list", "-Hp", "-t", "filesystem,volume", "-o", String.join(",", ZfsListParser.DATASET_COLUMNS),
                "-s", "name", "-r", "tank/VMs"), ZfsCommands.datasets("tank/VMs").argv());
        assertEquals(List.of("zfs", "list", "-Hp", "-t", "snapshot", "-o", String.join(",", ZfsListParser.SNAPSHOT_COLUMNS),
                "-s", "createtxg", "-d", "1", "tank/vm"), ZfsCommands.snapshots("tank/vm").argv());
        assertEquals(List.of("zfs", "get", "-Hp", "-o", "name,property,value,source", "all", "tank/vm@a"),
                ZfsCommands.properties("tank/vm@a").argv());
        assertEquals(List.of("zfs", "holds", "-H", "tank/vm@a"), ZfsCommands.holds("tank/vm@a", false).argv());
        assertEquals(List.of("zpool", "status", "-j", "--json-int"), ZfsCommands.poolStatusJson(null).argv());
        assertFalse(ZfsCommands.datasets(null).needsRoot());
    }

    @Test
    void destroyFlagsAndDryRun() throws Exception {
        assertEquals(List.of("zfs", "destroy", "-nvp", "-r", "tank/backup"), ZfsCommands.destroy("tank/backup", DestroyFlags.RECURSIVE, true).argv());
        Command real = ZfsCommands.destroy("tank/vm@a", new DestroyFlags(true, true, true, true), false);
        assertEquals(List.of("zfs", "destroy", "-r", "-R", "-f", "-d", "tank/vm@a"), real.argv());
        assertTrue(real.needsRoot());
        assertEquals(ZfsCommands.SLOW_CHANGE_TIMEOUT, real.timeout());
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.destroy("tank/vm@a%c", DestroyFlags.NONE, false));
    }

    @Test
    void createVolumeWithBlockSizeAndProperties() throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("compression", "zstd");
        props.put("com.sluice:vm", "win 11");
        assertEquals(List.of("zfs", "create", "-V", "1073741824", "-b", "65536", "-o", "compression=zstd", "-o", "com.sluice:vm=win 11",
                "tank/vm"), ZfsCommands.createVolume("tank/vm", 1073741824L, false, 65536, props).argv());
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.createVolume("tank/vm", 1, false, 0, Map.of("a=b", "c")));
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.setProperty("tank/vm", "-o", "x"));
    }

    @Test
    void sendVariants() throws Exception {
        assertEquals(List.of("zfs", "send", "-nvP", "-w", "-i", "@s1", "rpool/secure@s2"),
                ZfsCommands.sendEstimate(SendSpec.incremental("@s1", "rpool/secure@s2").withRaw()).argv());
        assertEquals(List.of("zfs", "send", "-vP", "-i", "tank/vm#sent", "tank/vm@b"),
                ZfsCommands.send(SendSpec.incremental("tank/vm#sent", "tank/vm@b")).argv());
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.send(SendSpec.full("tank/vm")));
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.send(SendSpec.incremental("@a/b", "tank/vm@b")));
    }

    @Test
    void bookmarkScrubUname() throws Exception {
        assertEquals(List.of("zfs", "bookmark", "tank/vm@a", "tank/vm#a"), ZfsCommands.bookmark("tank/vm@a", "tank/vm#a").argv());
        assertEquals(List.of("zpool", "scrub", "-s", "tank"), ZfsCommands.stopScrub("tank").argv());
        ScriptedRunner r = new ScriptedRunner().on("uname", "-s").stdout("SunOS\n");
        assertEquals(HostOs.ILLUMOS, ZfsService.detectingOs(r).os());
    }

    @Test
    void holdTagMustBeSensible() {
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.hold("", List.of("tank/vm@a"), false));
        assertThrows(InvalidZfsNameException.class, () -> ZfsCommands.hold("a\tb", List.of("tank/vm@a"), false));
    }

    @Test
    void noPoolsIsAnEmptyList() throws Exception {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zpool", "list").stdout("no pools available\n");
        assertTrue(new ZfsService(r).pools().isEmpty());
    }

    @Test
    void sendReceiveReportsThroughTheTaskAndRegistersCancel() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .onPrefix("zfs", "send").progress(List.of("size\t200", "10:00:01\t100\ttank/vm@a", "10:00:02\t200\ttank/vm@a"), "")
                .onPrefix("zfs", "receive").ok();
        List<Progress> seen = new ArrayList<>();
        List<Runnable> cancelHooks = new ArrayList<>();
        TaskContext ctx = new TaskContext() {
            @Override
            public void progress(Progress p) {
                seen.add(p);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
                cancelHooks.add(action);
            }
        };
        SendReceive.Result res = new ZfsService(r).sendReceive(SendSpec.full("tank/vm@a"), ReceiveSpec.into("backup/vm")).run(ctx);
        assertEquals(200, res.bytes());
        assertEquals(1, cancelHooks.size());
        assertEquals(List.of(0L, 100L, 200L, 200L), seen.stream().map(Progress::done).toList());
        assertTrue(seen.stream().allMatch(p -> p.total() == 200));
    }
}
