package dev.sluice.zfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.testing.ScriptedRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Service operations against {@link ScriptedRunner}: the exact argv, root or not, and how errors come back. */
class ZfsServiceTest {
    static final String DATASET_COLS = String.join(",", ZfsListParser.DATASET_COLUMNS);
    static final String SNAP_COLS = String.join(",", ZfsListParser.SNAPSHOT_COLUMNS);

    static ScriptedRunner runner(String version) {
        return new ScriptedRunner().on("zfs", "version").stdout(Fixtures.read(version, "zfs-version.txt"));
    }

    static String volumeLine(String name, long volsize, long refres) {
        return String.join("\t", name, "volume", "100", "1000", "100", Long.toString(volsize), "16384", "lz4", "off", "-",
                "-", "-", "-", "-", Long.toString(refres), "42", "7", "1795256418", "-") + "\n";
    }

    @Test
    void poolsParsesZpoolList() throws Exception {
        ScriptedRunner r = runner(Fixtures.V23).on("zpool", "list", "-Hp", "-o", "name,size,alloc,free,frag,cap,dedup,health,altroot,guid")
                .stdout("rpool\t1006632960\t75911168\t930721792\t5\t7\t1.00\tONLINE\t-\t4825205220660292499\n");
        List<Pool> pools = new ZfsService(r).pools();
        assertEquals("rpool", pools.get(0).name());
        assertFalse(r.ran().get(0).needsRoot(), "listing needs no root");
    }

    @Test
    void poolStatusUsesJsonOn23() throws Exception {
        ScriptedRunner r = runner(Fixtures.V23).on("zpool", "status", "-j", "--json-int", "rpool")
                .stdout(Fixtures.read(Fixtures.V23, "zpool-status-j-json-int.txt"));
        PoolStatus s = new ZfsService(r).poolStatus("rpool");
        assertTrue(s.detailed());
        assertEquals(0, s.root().totalErrors());
    }

    @Test
    void poolStatusFallsBackToListTreeOn21() throws Exception {
        ScriptedRunner r = runner(Fixtures.V21).on("zpool", "list", "-Hpv", "rpool")
                .stdout(Fixtures.read(Fixtures.V21, "zpool-list-Hpv.txt").lines().limit(4)
                        .reduce("", (a, b) -> a + b + "\n"));
        PoolStatus s = new ZfsService(r).poolStatus("rpool");
        assertFalse(s.detailed());
        assertEquals(2, s.root().leaves().size());
        assertEquals(ScrubState.State.UNKNOWN, s.scan().state());
    }

    @Test
    void holdsUseDashPOnlyWhereItExists() throws Exception {
        ScriptedRunner r23 = runner(Fixtures.V23).on("zfs", "holds", "-Hp", "rpool/vboxzones/myvbox@third")
                .stdout(Fixtures.read(Fixtures.V23, "zfs-holds-Hp.txt"));
        assertEquals("keep", new ZfsService(r23).holds("rpool/vboxzones/myvbox@third").get(0).tag());
        ScriptedRunner r21 = runner(Fixtures.V21)
                .on("zfs", "holds", "-Hp", "tank/vm@a").fail(2, Fixtures.read(Fixtures.V21, "zfs-holds-Hp.stderr.txt"))
                .on("zfs", "holds", "-H", "tank/vm@a").stdout("tank/vm@a\tkeep\tSat Nov 21 10:22 2026\n");
        Hold h = new ZfsService(r21).holds("tank/vm@a").get(0);
        assertEquals("Sat Nov 21 10:22 2026", h.createdText());
    }

    @Test
    void createThinZvolRunsOneRootCommandThenReadsItBack() throws Exception {
        String name = "tank/VMs/win 11:disk.0";
        ScriptedRunner r = runner(Fixtures.V23)
                .onPrefix("zfs", "create").ok()
                .on("zfs", "list", "-Hp", "-o", DATASET_COLS, name).stdout(volumeLine(name, 10737418240L, 0));
        Zvol z = new ZfsService(r).createZvol(name, "10G", true, null, Map.of("compression", "lz4"));
        Command create = r.ran().stream().filter(c -> c.argv().get(1).equals("create")).findFirst().orElseThrow();
        assertEquals(List.of("zfs", "create", "-s", "-V", "10737418240", "-o", "compression=lz4", name), create.argv());
        assertTrue(create.needsRoot());
        assertTrue(z.thin());
        assertEquals("/dev/zvol/tank/VMs/win+11:disk.0", z.devicePath(), "udev writes a space as '+'");
        assertEquals(ZfsService.class, new ZfsService(r, HostOs.ILLUMOS).getClass());
    }

    @Test
    void zvolSizeIsCheckedBeforeAnythingRuns() {
        ScriptedRunner r = new ScriptedRunner();
        InvalidSizeException e = assertThrows(InvalidSizeException.class,
                () -> new ZfsService(r).createZvol("tank/vm", "1000", false, "16K", Map.of()));
        assertTrue(e.getMessage().startsWith("A volume's size must be a multiple of its block size (volblocksize 16K)"));
        assertThrows(InvalidSizeException.class, () -> new ZfsService(r).createZvol("tank/vm", "10G", false, "3K", Map.of()));
        assertThrows(InvalidZfsNameException.class, () -> new ZfsService(r).createZvol("tank/vm*", "10G", false, "16K", Map.of()));
        assertTrue(r.ran().isEmpty());
    }

    @Test
    void defaultBlockSizeOn21Is8K() throws Exception {
        ScriptedRunner r = runner(Fixtures.V21);
        Command c = new ZfsService(r).createZvolCommand("tank/vm", "8K", false, null, Map.of());
        assertEquals(List.of("zfs", "create", "-V", "8192", "tank/vm"), c.argv());
        assertThrows(InvalidSizeException.class, () -> new ZfsService(runner(Fixtures.V23)).createZvolCommand("tank/vm", "8K", false, null, Map.of()));
    }

    @Test
    void encryptedDatasetPassphraseGoesOnlyToStdin() throws Exception {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zfs", "create").ok();
        StringBuilder journal = new StringBuilder();
        r.journal().addListener(e -> journal.append(e).append('\n'));
        new ZfsService(r).createEncryptedDataset("rpool/secure", "correct horse battery".toCharArray(), Map.of());
        Command c = r.ran().get(0);
        assertEquals(List.of("zfs", "create", "-o", "encryption=on", "-o", "keyformat=passphrase", "-o", "keylocation=prompt",
                "rpool/secure"), c.argv());
        assertArrayEquals("correct horse battery".getBytes(StandardCharsets.UTF_8), c.stdin());
        assertTrue(c.stdinSecret());
        assertFalse(c.toString().contains("horse"));
        assertFalse(journal.toString().contains("horse"));
        assertTrue(journal.toString().contains("keylocation=prompt"));
        ZfsException e = assertThrows(ZfsException.class,
                () -> new ZfsService(r).createEncryptedDataset("rpool/s2", "short".toCharArray(), Map.of()));
        assertEquals(ZfsException.Kind.PASSPHRASE_TOO_SHORT, e.kind());
        assertEquals(1, r.ran().size());
    }

    @Test
    void loadKeyWrongPassphraseIsTyped() {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zfs", "load-key")
                .fail(255, Fixtures.read(Fixtures.V23, "zfs-load-key-wrong-passphrase.txt"));
        ZfsException e = assertThrows(ZfsException.class, () -> new ZfsService(r).loadKey("rpool/secure", "wrong passphrase".toCharArray()));
        assertEquals(ZfsException.Kind.WRONG_KEY, e.kind());
        assertEquals(List.of("zfs", "load-key", "-L", "prompt", "rpool/secure"), r.ran().get(0).argv());
        assertTrue(r.ran().get(0).stdinSecret());
    }

    @Test
    void setVolsizeChecksBlockSizeFirst() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .on("zfs", "get", "-Hp", "-o", "name,property,value,source", "volblocksize", "tank/vm")
                .stdout("tank/vm\tvolblocksize\t16384\tdefault\n")
                .onPrefix("zfs", "set").ok();
        ZfsService s = new ZfsService(r);
        assertThrows(InvalidSizeException.class, () -> s.setVolsize("tank/vm", "20000"));
        s.setVolsize("tank/vm", "20G");
        assertEquals(List.of("zfs", "set", "volsize=21474836480", "tank/vm"), r.ran().get(r.ran().size() - 1).argv());
        assertEquals(3, r.ran().size());
    }

    @Test
    void snapshotsAreTakenInOneAtomicCall() throws Exception {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zfs", "snapshot").ok();
        new ZfsService(r).snapshot(List.of("tank/vm1@before upgrade", "tank/vm2@before upgrade"));
        assertEquals(List.of(List.of("zfs", "snapshot", "tank/vm1@before upgrade", "tank/vm2@before upgrade")), r.ranArgv());
        assertThrows(InvalidZfsNameException.class, () -> new ZfsService(r).snapshot(List.of("tank/vm1@a", "tank/vm2")));
        assertEquals(1, r.ran().size());
    }

    @Test
    void destroyPreviewAddsClonesTheDryRunOmits() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .on("zfs", "destroy", "-nvp", "-R", "rpool/vboxzones/myvbox@first")
                .stdout(Fixtures.read(Fixtures.V23, "zfs-destroy-nvp-R-clones.txt"))
                .on("zfs", "list", "-Hp", "-t", "snapshot", "-o", SNAP_COLS, "-s", "createtxg")
                .stdout("rpool/vboxzones/myvbox@first\t1\t18\t1795256424\t8192\t50659328\t0\trpool/vboxzones/myclone\t0\n")
                .on("zfs", "list", "-Hp", "-t", "filesystem,volume", "-o", DATASET_COLS, "-s", "name")
                .stdout(volumeLine("rpool/vboxzones/myclone", 268435456, 0));
        ZfsService s = new ZfsService(r);
        DestroyPreview p = s.destroyPreview("rpool/vboxzones/myvbox@first", new DestroyFlags(false, true, false, false));
        assertEquals(List.of("rpool/vboxzones/myvbox@first"), p.destroyed());
        assertEquals(List.of("rpool/vboxzones/myclone"), p.extraClones());
        assertEquals(List.of("rpool/vboxzones/myvbox@first", "rpool/vboxzones/myclone"), p.everything());
        assertEquals(8192, p.reclaimBytes());
        assertFalse(r.ran().get(0).needsRoot());
        r.onPrefix("zfs", "destroy", "-R").ok();
        s.destroy(p);
        Command last = r.ran().get(r.ran().size() - 1);
        assertEquals(List.of("zfs", "destroy", "-R", "rpool/vboxzones/myvbox@first"), last.argv());
        assertTrue(last.needsRoot());
    }

    @Test
    void rollbackPlanThenRollback() throws Exception {
        ScriptedRunner r = new ScriptedRunner()
                .on("zfs", "list", "-Hp", "-t", "snapshot", "-o", SNAP_COLS, "-s", "createtxg", "-d", "1", "rpool/vboxzones/myvbox")
                .stdout(ZfsListParserTest.appendColumns(String.join("\n",
                        "rpool/vboxzones/myvbox@first\t4136210944864693022\t18\t1795256424\t8192\t50659328",
                        "rpool/vboxzones/myvbox@second\t15486815058741381726\t37\t1795256454\t8192\t50659328",
                        "rpool/vboxzones/myvbox@daily-1\t12926666574759063102\t38\t1795256426\t0\t67534848"), "0", "-", "0"))
                .on("zfs", "list", "-Hp", "-t", "bookmark", "-o", "name,guid,createtxg,creation", "-s", "createtxg", "-d", "1",
                        "rpool/vboxzones/myvbox").stdout("")
                .on("zfs", "rollback", "-r", "rpool/vboxzones/myvbox@first").ok()
                .on("zfs", "rollback", "rpool/vboxzones/myvbox@first")
                .fail(1, Fixtures.read(Fixtures.V23, "zfs-rollback-newer-snapshots-no-r.txt"));
        ZfsService s = new ZfsService(r);
        RollbackPlan plan = s.rollbackPlan("rpool/vboxzones/myvbox@first", RollbackMode.DESTROY_NEWER);
        assertEquals(List.of("rpool/vboxzones/myvbox@second", "rpool/vboxzones/myvbox@daily-1"), plan.destroyedNames());
        s.rollback(plan);
        assertEquals(List.of("zfs", "rollback", "-r", "rpool/vboxzones/myvbox@first"), r.ran().get(r.ran().size() - 1).argv());
        // the plan matches what zfs itself names when asked without -r
        ZfsCommandException e = assertThrows(ZfsCommandException.class,
                () -> s.rollback("rpool/vboxzones/myvbox@first", RollbackMode.LATEST_ONLY));
        assertEquals(ZfsException.Kind.WOULD_DESTROY_NEWER, e.kind());
        assertEquals(plan.destroyedNames(), e.names());
        RollbackPlan blocked = s.rollbackPlan("rpool/vboxzones/myvbox@first", RollbackMode.LATEST_ONLY);
        int before = r.ran().size();
        assertEquals(ZfsException.Kind.WOULD_DESTROY_NEWER, assertThrows(ZfsException.class, () -> s.rollback(blocked)).kind());
        assertEquals(before, r.ran().size(), "a blocked plan runs nothing");
    }

    @Test
    void cloneAndPromoteAndHolds() throws Exception {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zfs").ok();
        ZfsService s = new ZfsService(r);
        s.clone("tank/vm@a", "tank/vm-test", Map.of());
        s.promote("tank/vm-test");
        s.hold("keep", List.of("tank/vm@a"), false);
        s.release("keep", List.of("tank/vm@a"), true);
        s.unloadKey("tank/secure");
        s.abortPartialReceive("tank/resume/vm");
        assertEquals(List.of(List.of("zfs", "clone", "tank/vm@a", "tank/vm-test"), List.of("zfs", "promote", "tank/vm-test"),
                List.of("zfs", "hold", "keep", "tank/vm@a"), List.of("zfs", "release", "-r", "keep", "tank/vm@a"),
                List.of("zfs", "unload-key", "tank/secure"), List.of("zfs", "receive", "-A", "tank/resume/vm")), r.ranArgv());
        assertTrue(r.ran().stream().allMatch(Command::needsRoot));
    }

    @Test
    void heldSnapshotOn21IsToldAsHeldNotBusy() {
        ScriptedRunner r = runner(Fixtures.V21)
                .on("zfs", "destroy", "rpool/vboxzones/myvbox@third").fail(1, Fixtures.read(Fixtures.V21, "zfs-destroy-held-snapshot.txt"))
                .on("zfs", "holds", "-H", "rpool/vboxzones/myvbox@third").stdout("rpool/vboxzones/myvbox@third\tkeep\tSat Nov 21 10:22 2026\n");
        ZfsCommandException e = assertThrows(ZfsCommandException.class,
                () -> new ZfsService(r).destroy("rpool/vboxzones/myvbox@third", DestroyFlags.NONE));
        assertEquals(ZfsException.Kind.HELD, e.kind());
        assertEquals(List.of("keep"), e.names());
        assertEquals("Snapshot 'rpool/vboxzones/myvbox@third' is held (keep). Release the holds first, or destroy it deferred "
                + "(-d) so it goes when the last hold is released.", e.getMessage());
        ScriptedRunner notHeld = runner(Fixtures.V21)
                .on("zfs", "destroy", "tank/vm@s").fail(1, "cannot destroy snapshot tank/vm@s: dataset is busy\n")
                .on("zfs", "holds", "-H", "tank/vm@s").stdout("");
        assertEquals(ZfsException.Kind.BUSY, assertThrows(ZfsCommandException.class,
                () -> new ZfsService(notHeld).destroy("tank/vm@s", DestroyFlags.NONE)).kind());
    }

    @Test
    void aZvolBusyForAMomentIsDestroyedOnTheNextTryAndOneThatStaysBusySaysSo() throws Exception {
        long[] waits = ZfsService.busyRetryMillis;
        ZfsService.busyRetryMillis = new long[] {1, 1};
        try {
            java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
            ScriptedRunner udev = new ScriptedRunner().onPrefix("zfs", "destroy").answer(c -> tries.incrementAndGet() == 1
                    ? new ScriptedRunner.Answer(1, "", "cannot destroy 'tank/vm/disk0': dataset is busy\n", List.of(), null)
                    : new ScriptedRunner.Answer(0, "", "", List.of(), null));
            new ZfsService(udev).destroy("tank/vm/disk0", DestroyFlags.NONE);
            assertEquals(2, tries.get(), "udev's probe passed: the second try destroyed it");

            tries.set(0);
            ScriptedRunner vm = new ScriptedRunner().onPrefix("zfs", "destroy").answer(c -> {
                tries.incrementAndGet();
                return new ScriptedRunner.Answer(1, "", "cannot destroy 'tank/vm/disk0': dataset is busy\n", List.of(), null);
            });
            assertEquals(ZfsException.Kind.BUSY, assertThrows(ZfsCommandException.class,
                    () -> new ZfsService(vm).destroy("tank/vm/disk0", DestroyFlags.NONE)).kind());
            assertEquals(3, tries.get(), "tried three times in all, then ZFS's own answer");
        } finally {
            ZfsService.busyRetryMillis = waits;
        }
    }

    @Test
    void datasetThatDoesNotExistIsEmpty() throws Exception {
        ScriptedRunner r = new ScriptedRunner().on("zfs", "list", "-Hp", "-o", DATASET_COLS, "rpool/nope")
                .fail(1, Fixtures.read(Fixtures.V21, "zfs-list-dataset-does-not-exist.txt"));
        assertTrue(new ZfsService(r).dataset("rpool/nope").isEmpty());
    }

    @Test
    void permissionDeniedTellsHowToFixIt() {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zfs", "snapshot").fail(1, Fixtures.read(Fixtures.V23, "nonroot-zfs-snapshot.txt"));
        ZfsException e = assertThrows(ZfsException.class, () -> new ZfsService(r).snapshot(List.of("rpool/vboxzones/myvbox@x")));
        assertEquals(ZfsException.Kind.PERMISSION_DENIED, e.kind());
        assertEquals("Permission denied for `zfs snapshot rpool/vboxzones/myvbox@x`. ZFS changes need root: choose sudo or "
                + "pkexec for this host in its settings, or delegate the permission with `zfs allow`.", e.getMessage());
    }

    @Test
    void unreadableOutputIsReported() {
        ScriptedRunner r = new ScriptedRunner().onPrefix("zpool", "list").stdout("Welcome to the NAS!\n");
        ZfsException e = assertThrows(ZfsException.class, () -> new ZfsService(r).pools());
        assertEquals(ZfsException.Kind.UNKNOWN, e.kind());
        assertTrue(e.getMessage().startsWith("Sluice could not read the output of `zpool list -Hp -o "), e.getMessage());
    }
}
