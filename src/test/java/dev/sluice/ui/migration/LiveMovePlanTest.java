package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.LiveGuest;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.qemu.live.LiveDriveMove;
import dev.sluice.qemu.live.LiveSupport;
import dev.sluice.ui.common.I18n;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which plan a running guest gets when live is asked for: live where its QEMU can, else stop and send with the reason. */
class LiveMovePlanTest {
    private static final String ZVOL = "rpool/vboxzones/myvbox";
    private static final GuestRef QEMU = new GuestRef(GuestRef.Hypervisor.QEMU, "web", "web", "drive0",
            "/dev/zvol/" + ZVOL, true);

    @TempDir
    Path dir;

    @BeforeAll
    static void english() {
        I18n.setLocale(Locale.ROOT);
    }

    /** A running QEMU guest whose QEMU answers the probe with {@code support}. */
    record FakeLive(LiveSupport support) implements LiveGuest {
        @Override public LiveSupport liveSupport() { return support; }
        @Override public LiveDriveMove liveMove(String drive, String tag) { throw new UnsupportedOperationException(); }
        @Override public String aio() { return "native"; }
        @Override public String describe() { return "QEMU VM web"; }
        @Override public boolean isRunning() { return true; }
        @Override public void stop(StepContext ctx) { }
        @Override public void start() { }
        @Override public void detach(String device) { }
        @Override public void attach(String device) { }
        @Override public List<List<String>> stopCommands() { return List.of(); }
        @Override public List<List<String>> startCommands(String d) { return List.of(List.of("qemu-system-x86_64")); }
        @Override public List<List<String>> detachCommands(String d) { return List.of(); }
        @Override public List<List<String>> attachCommands(String d) { return List.of(List.of("# repoint " + d)); }
    }

    private MigrationRecord plan(Function<GuestRef, GuestControl> guests, GuestRef ref, MigrationOptions o) throws Exception {
        MigrationTestHost host = new MigrationTestHost(dir);
        MigrationTools tools = new MigrationTools("local", host.zfs, guests, host.steps, host.store);
        Plans p = Plans.make(tools, List.of(new MigrationSource(ZVOL, ref, List.of())), "tank", o);
        assertFalse(p.refused(), p.refusals().toString());
        return p.plans().get(0);
    }

    private static List<StepKind> kinds(MigrationRecord r) {
        return r.steps().stream().map(MigrationStep::kind).toList();
    }

    private static MigrationStep step(MigrationRecord r, StepKind k) {
        return r.steps().stream().filter(s -> s.kind() == k).findFirst().orElseThrow();
    }

    @Test
    void aRunningQemuGuestWhoseQemuCanMovesLiveWithItsHistory() throws Exception {
        MigrationRecord r = plan(ref -> new FakeLive(new LiveSupport("7.2.22", List.of())), QEMU, MigrationOptions.safeDefaults());
        assertEquals(List.of(StepKind.LIVE_TRACK, StepKind.PRESEED_SNAPSHOT, StepKind.PRESEED_SEND, StepKind.VERIFY,
                StepKind.LIVE_MIRROR, StepKind.LIVE_PIVOT, StepKind.CLEAN_UP), kinds(r));
        MigrationStep mirror = step(r, StepKind.LIVE_MIRROR);
        assertEquals(step(r, StepKind.PRESEED_SNAPSHOT).param("seed"), step(r, StepKind.VERIFY).param("final"));
        assertEquals("drive0", mirror.param("drive"));
        assertEquals("/dev/zvol/tank/myvbox", mirror.param("targetDevice"));
        assertTrue(mirror.commands().stream().anyMatch(c -> c.startsWith("# qmp: blockdev-mirror") && c.contains("write-blocking")),
                mirror.commands().toString());
        assertTrue(step(r, StepKind.PRESEED_SEND).title().contains("4 snapshots"), step(r, StepKind.PRESEED_SEND).title());
        assertTrue(step(r, StepKind.LIVE_PIVOT).commands().contains("# repoint /dev/zvol/tank/myvbox"));
        assertFalse(r.pastPointOfNoReturn());
    }

    @Test
    void aQemuThatCannotMirrorStopsAndTheReviewSaysWhy() throws Exception {
        MigrationRecord r = plan(ref -> new FakeLive(new LiveSupport("3.1.0", List.of("blockdev-backup.bitmap-mode"))), QEMU,
                MigrationOptions.safeDefaults());
        assertTrue(kinds(r).contains(StepKind.STOP_GUEST) && !kinds(r).contains(StepKind.LIVE_MIRROR), kinds(r).toString());
        assertEquals("Not live: QEMU 3.1.0 cannot mirror a running drive the way Sluice needs (missing: blockdev-backup.bitmap-mode). "
                + "Update QEMU (7.2 and later can) or move with a stop.", step(r, StepKind.STOP_GUEST).message());
        // the record keeps the reason after the run has replaced the step's message
        assertTrue(step(r, StepKind.STOP_GUEST).commands().get(0).startsWith("# Not live: QEMU 3.1.0 cannot mirror"),
                step(r, StepKind.STOP_GUEST).commands().toString());
    }

    @Test
    void otherHypervisorsStopAndSayLiveIsForQemu() throws Exception {
        GuestRef vbox = new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, "uuid", "web", "SATA|0|0", "/vms/web.vmdk", true);
        MigrationRecord r = plan(ref -> new FakeLive(new LiveSupport("7.2.22", List.of())), vbox, MigrationOptions.safeDefaults());
        assertTrue(kinds(r).contains(StepKind.STOP_GUEST) && !kinds(r).contains(StepKind.LIVE_TRACK));
        assertEquals("Not live: Live moves are for Sluice's own QEMU VMs; web stops for the final copy.",
                step(r, StepKind.STOP_GUEST).message());
    }

    @Test
    void withoutLiveTheStopIsPlannedAsBeforeWithNoNote() throws Exception {
        MigrationRecord r = plan(ref -> new FakeLive(new LiveSupport("7.2.22", List.of())), QEMU,
                MigrationOptions.safeDefaults().withLive(false));
        assertTrue(kinds(r).contains(StepKind.STOP_GUEST) && !kinds(r).contains(StepKind.LIVE_TRACK));
        assertEquals("", step(r, StepKind.STOP_GUEST).message());
    }

    private MigrationWizardViewModel wizardAtOptions(Function<GuestRef, GuestControl> guests, GuestRef ref) {
        MigrationTestHost host = new MigrationTestHost(dir);
        MigrationTools tools = new MigrationTools("local", host.zfs, guests, host.steps, host.store);
        MigrationWizardViewModel vm = new MigrationWizardViewModel(() -> tools, dev.sluice.task.TaskExecutor.direct(),
                List.of(new MigrationSource(ZVOL, ref, List.of())), "tank");
        vm.load();
        vm.next();
        vm.next();
        assertEquals(MigrationWizardViewModel.Page.OPTIONS, vm.pageProperty().get());
        return vm;
    }

    @Test
    void theWizardOffersLiveForARunningQemuGuestWhoseQemuCan() {
        MigrationWizardViewModel vm = wizardAtOptions(ref -> new FakeLive(new LiveSupport("7.2.22", List.of())), QEMU);
        assertTrue(vm.liveAvailableProperty().get());
        assertEquals("web keeps running (QEMU 7.2.22): it pauses for well under a second while its drive switches.",
                vm.liveTextProperty().get());
        assertTrue(vm.options().live());
        vm.next();
        assertTrue(vm.reviewSteps().stream().anyMatch(r -> r.title().contains("Switch the running QEMU VM web")),
                vm.reviewSteps().stream().map(StepRow::title).toList().toString());
        assertTrue(vm.reviewSummaryProperty().get().endsWith(", live. The VM web keeps running; it is paused for under a "
                + "second while its disk switches to the new zvol."), vm.reviewSummaryProperty().get());
    }

    @Test
    void theWizardFromTheZvolPickerAsksTheQemuOfTheVmThatUsesTheZvol() {
        // the picker's source has no guest: the planner moves it with the VM that uses it, so the live check must too
        MigrationTestHost host = new MigrationTestHost(dir);
        MigrationTools tools = new MigrationTools("local", host.zfs, ref -> ref.present()
                ? new FakeLive(new LiveSupport("7.2.22", List.of())) : GuestControl.NONE, host.steps, host.store,
                zvol -> zvol.equals(ZVOL) ? List.of(new MigrationSource(ZVOL, QEMU, List.of())) : List.of());
        MigrationWizardViewModel vm = new MigrationWizardViewModel(() -> tools, dev.sluice.task.TaskExecutor.direct(),
                List.of(MigrationSource.zvol(ZVOL)), "tank");
        vm.load();
        vm.next();
        vm.next();
        assertEquals(MigrationWizardViewModel.Page.OPTIONS, vm.pageProperty().get());
        assertTrue(vm.liveAvailableProperty().get(), vm.liveTextProperty().get());
        vm.next();
        assertTrue(vm.reviewSteps().stream().anyMatch(r -> r.title().contains("Switch the running QEMU VM web")),
                vm.reviewSteps().stream().map(StepRow::title).toList().toString());
    }

    @Test
    void theWizardSaysWhyNotForAVirtualBoxGuest() {
        GuestRef vbox = new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, "uuid", "web", "SATA|0|0", "/vms/web.vmdk", true);
        MigrationWizardViewModel vm = wizardAtOptions(ref -> new FakeLive(new LiveSupport("7.2.22", List.of())), vbox);
        assertFalse(vm.liveAvailableProperty().get());
        assertEquals("Live moves are for Sluice's own QEMU VMs; web stops for the final copy.", vm.liveTextProperty().get());
    }

    @Test
    void theWizardSaysWhichQemuCannot() {
        MigrationWizardViewModel vm = wizardAtOptions(ref -> new FakeLive(new LiveSupport("3.1.0",
                List.of("blockdev-backup.bitmap-mode"))), QEMU);
        assertFalse(vm.liveAvailableProperty().get());
        assertTrue(vm.liveTextProperty().get().startsWith("QEMU 3.1.0 cannot mirror a running drive"), vm.liveTextProperty().get());
    }

    @Test
    void theOneClickMovePicksLiveWhenItCan() {
        MigrationTestHost host = new MigrationTestHost(dir);
        MigrationTools tools = new MigrationTools("local", host.zfs, ref -> new FakeLive(new LiveSupport("7.2.22", List.of())),
                host.steps, host.store);
        OneClickMoveViewModel vm = new OneClickMoveViewModel(() -> tools, dev.sluice.task.TaskExecutor.direct(),
                List.of(new MigrationSource(ZVOL, QEMU, List.of())), "tank");
        vm.plan(() -> { });
        assertEquals("", vm.errorProperty().get());
        assertTrue(kinds(vm.plansProperty().get().plans().get(0)).contains(StepKind.LIVE_PIVOT));
        assertTrue(vm.sentence().endsWith("keeps running: it pauses for under a second while its disk switches to the new zvol."),
                vm.sentence());
    }

    @Test
    void theProgressPageShowsTheLivePauseInsteadOfADowntime() throws Exception {
        MigrationTestHost host = new MigrationTestHost(dir);
        MigrationTools tools = new MigrationTools("local", host.zfs, ref -> new FakeLive(new LiveSupport("7.2.22", List.of())),
                host.steps, host.store);
        Plans p = Plans.make(tools, List.of(new MigrationSource(ZVOL, QEMU, List.of())), "tank", MigrationOptions.safeDefaults());
        host.steps.hookOn = StepKind.LIVE_MIRROR;
        host.steps.hook = ctx -> ctx.note(dev.sluice.migrate.MigrationText.t("migrate.live.paused", "0.175", 2, "6.9 MiB", "64.0 KiB", "0.457"));
        MigrationRunViewModel run = new MigrationRunViewModel(p.plans(), tools, dev.sluice.task.TaskExecutor.direct());
        assertEquals("The guest is still running.", run.downtimeProperty().get());
        run.start();
        assertEquals("Guest paused 0.175 s; 2 copy rounds while it ran (6.9 MiB), 64.0 KiB while paused; step took 0.457 s",
                run.downtimeProperty().get());
        // the guest wrote on after the seed, so the seed is no common base: the move removes it and claims to keep nothing
        assertEquals("", run.keptProperty().get());
    }
}
