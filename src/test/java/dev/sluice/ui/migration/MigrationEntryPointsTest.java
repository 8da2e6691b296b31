package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationText;
import dev.sluice.migrate.StepKind;
import dev.sluice.ui.common.I18n;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 items 3 and 4, issue 13's bundle item: a zvol picked without its VM (Volumes "Move to pool", the
 * wizard's picker) moves VM-aware or is refused; a device held open is refused; the history travels and the
 * review lists what destroying the source removes; step titles and refusals come from the bundles.
 */
class MigrationEntryPointsTest {
    private static final String ZVOL = "rpool/vboxzones/myvbox";

    @TempDir
    Path dir;
    MigrationTestHost host;

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ROOT);
    }

    @BeforeEach
    void host() {
        host = new MigrationTestHost(dir);
    }

    @AfterEach
    void defaultLocale() {
        Locale.setDefault(Locale.ROOT);
    }

    private MigrationTools tools(MigrationTools.GuestsOfZvol users) {
        MigrationTools t = host.tools();
        return new MigrationTools(t.hostId(), t.zfs(), ref -> new MigrationRunViewModelTest.ListedGuest(), t.actions(), t.store(), users);
    }

    private static MigrationSource vm(String name) {
        return new MigrationSource(ZVOL, new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, "uuid-" + name, name, "SATA|0|0",
                "/vms/" + name + ".vmdk", true), List.of());
    }

    @Test
    void aZvolPickedWithoutItsVmMovesWithTheVmStoppedAndStarted() throws Exception {
        Plans p = Plans.make(tools(z -> List.of(vm("web"))), List.of(MigrationSource.zvol(ZVOL)), "tank", MigrationOptions.safeDefaults());
        assertFalse(p.refused(), p.refusals().toString());
        List<StepKind> kinds = p.plans().get(0).steps().stream().map(s -> s.kind()).toList();
        assertTrue(kinds.contains(StepKind.STOP_GUEST) && kinds.contains(StepKind.START_GUEST), kinds.toString());
        assertEquals("web", p.plans().get(0).guest().vmName());
    }

    @Test
    void aDiskVirtualBoxSnapshotsPinIsRefusedFromTheVmAndFromVolumes() throws Exception {
        dev.sluice.guest.GuestDisk pinned = new dev.sluice.guest.GuestDisk("SATA 0:0", "SATA", 0, 0,
                dev.sluice.guest.GuestDisk.Kind.RAW_VMDK, "/vms/web/Snapshots/{6a1e}.vmdk", "/dev/zvol/" + ZVOL, false, ZVOL, null,
                List.of("installed", "before the upgrade"));
        dev.sluice.guest.Guest web = new dev.sluice.guest.Guest(dev.sluice.guest.Hypervisor.VIRTUALBOX, "uuid-web", "web",
                dev.sluice.guest.GuestState.RUNNING, 1, 1024, List.of(pinned), null, null, null);
        MigrationSource fromVm = MigrationSource.of(web, pinned);
        assertEquals(List.of("installed", "before the upgrade"), fromVm.hypervisorSnapshots());
        String why = "web has hypervisor snapshots (installed, before the upgrade) that pin this disk. Delete or merge them in "
                + "VirtualBox first: a raw disk with differencing images cannot be re-pointed.";
        Plans p = Plans.make(tools(z -> List.of(fromVm)), List.of(fromVm), "tank", MigrationOptions.safeDefaults());
        assertTrue(p.refusals().contains(why), p.refusals().toString());
        Plans volumes = Plans.make(tools(z -> List.of(fromVm)), List.of(MigrationSource.zvol(ZVOL)), "tank", MigrationOptions.safeDefaults());
        assertTrue(volumes.refusals().contains(why), volumes.refusals().toString());
        // a writethrough raw VMDK a snapshot merely refers to is not pinned: it moves (the snapshot keeps the old VMDK)
        assertEquals(List.of(), MigrationSource.of(web, new dev.sluice.guest.GuestDisk("SATA 0:0", "SATA", 0, 0,
                dev.sluice.guest.GuestDisk.Kind.RAW_VMDK, "/vms/web/disk0.vmdk", "/dev/zvol/" + ZVOL, false, ZVOL, null)).hypervisorSnapshots());
    }

    @Test
    void aZvolOfSeveralVmsOrOfAnotherVmIsRefused() throws Exception {
        Plans several = Plans.make(tools(z -> List.of(vm("web"), vm("db"))), List.of(MigrationSource.zvol(ZVOL)), "tank",
                MigrationOptions.safeDefaults());
        assertEquals(List.of(ZVOL + " is a disk of several VMs (web, db). Detach it from all but one, then move it from that VM's disk menu."),
                several.refusals());
        Plans other = Plans.make(tools(z -> List.of(vm("web"), vm("db"))), List.of(vm("web")), "tank", MigrationOptions.safeDefaults());
        assertEquals(List.of("The zvol is in use by db. Stop it first, or migrate that VM's disk instead."), other.refusals());
    }

    @Test
    void aDeviceHeldOpenByAnyProcessIsRefused() throws Exception {
        host.runner.on("readlink", "-e", "--", "/dev/zvol/" + ZVOL).stdout("/dev/zd16\n");
        host.runner.on("ls", "-1", "--", "/sys/block/zd16/holders").stdout("");
        host.runner.onPrefix("find", "/proc").exits(1, "/proc/4242/fd/3\n/proc/4242/fd/7\n",
                "find: '/proc/4300/fd': No such file or directory\n");
        host.runner.on("cat", "/proc/4242/comm").stdout("dd\n");
        Plans p = Plans.make(host.tools(), List.of(MigrationSource.zvol(ZVOL)), "tank", MigrationOptions.safeDefaults());
        assertEquals(List.of("The device of " + ZVOL + " is open (dd (pid 4242)). Close whatever holds it (a VM, a mount, a dd, "
                + "a partition mapping) and try again: moving a disk in use loses what is written during the copy."), p.refusals());
    }

    @Test
    void aKernelHolderIsRefusedEvenForARunningGuest() throws Exception {
        host.runner.on("readlink", "-e", "--", "/dev/zvol/" + ZVOL).stdout("/dev/zd16\n");
        host.runner.on("ls", "-1", "--", "/sys/block/zd16/holders").stdout("dm-0\n");
        Plans p = Plans.make(tools(MigrationTools.GuestsOfZvol.NONE), List.of(vm("web")), "tank", MigrationOptions.safeDefaults());
        assertTrue(p.refused());
        assertTrue(p.refusals().get(0).contains("(dm-0)"), p.refusals().toString());
        assertTrue(host.runner.ranArgv().stream().noneMatch(a -> a.get(0).equals("find")), "the guest's own open handle is expected");
    }

    @Test
    void destroyingTheSourceListsWhatGoesAndEverySnapshotIsCopiedFirst() throws Exception {
        MigrationOptions o = new MigrationOptions(false, false, true, true, false, java.util.Map.of());
        MigrationRecord r = Plans.make(host.tools(), List.of(MigrationSource.zvol(ZVOL)), "tank", o).plans().get(0);
        var destroy = r.steps().stream().filter(s -> s.kind() == StepKind.DESTROY_SOURCE).findFirst().orElseThrow();
        assertEquals("Destroy the source and its snapshots (4 of yours, all copied to the target)", destroy.title());
        String fin = r.steps().get(0).param("final");
        assertEquals(List.of("# destroying the source removes " + ZVOL + " and these snapshots:",
                "#   " + ZVOL + "@first (a copy is on the target)", "#   " + ZVOL + "@second (a copy is on the target)",
                "#   " + ZVOL + "@third (a copy is on the target)", "#   " + ZVOL + "@fourth (a copy is on the target)",
                "#   " + fin + " (this migration's snapshot; also on the target)", "zfs destroy -r " + ZVOL), destroy.commands());
    }

    @Test
    void heldSnapshotsRefuseDestroyingTheSource() throws Exception {
        host.runner.when(a -> a.size() > 4 && a.get(1).equals("list") && a.contains("snapshot") && a.contains("-d")).answer(c -> {
            String line = host.zfs.runner() == null ? "" : "";
            return new ScriptedRunner.Answer(0, String.join("\n", List.of(
                    ZVOL + "@first\t111\t1\t1700000000\t0\t100\t0\t-\t1",
                    ZVOL + "@second\t222\t2\t1700000100\t0\t100\t0\t-\t0")) + "\n" + line, "", List.of(), null);
        });
        MigrationOptions o = new MigrationOptions(false, false, true, true, false, java.util.Map.of());
        Plans p = Plans.make(host.tools(), List.of(MigrationSource.zvol(ZVOL)), "tank", o);
        assertEquals(List.of("These snapshots have holds, so destroying the source would fail half-way: " + ZVOL + "@first. "
                + "Release the holds (Snapshots → Release) or keep the source."), p.refusals());
    }

    @Test
    void stepTitlesAndRefusalsSpeakChinese() throws Exception {
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        Plans p = Plans.make(host.tools(), List.of(MigrationSource.zvol(ZVOL)), "tank", MigrationOptions.safeDefaults());
        assertEquals("为源创建最终快照", p.plans().get(0).steps().get(0).title());
        Plans refused = Plans.make(host.tools(), List.of(MigrationSource.zvol(ZVOL)), "rpool", MigrationOptions.safeDefaults());
        assertTrue(refused.refusals().get(0).startsWith("源和目标位于同一个池“rpool”中"), refused.refusals().toString());
        assertEquals("已取消", MigrationText.t("migrate.engine.cancelled"));
    }
}
