package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.StepStatus;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.testing.ScriptedZfs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunViewModelTest {
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

    /** A running VirtualBox guest whose hypervisor side only lists what it would run. */
    static final class ListedGuest implements GuestControl {
        @Override public String describe() { return "VirtualBox VM 'web'"; }
        @Override public boolean isRunning() { return true; }
        @Override public void stop(StepContext ctx) { }
        @Override public void start() { }
        @Override public void detach(String device) { }
        @Override public void attach(String device) { }
        @Override public List<List<String>> stopCommands() { return List.of(List.of("VBoxManage", "controlvm", "web", "acpipowerbutton")); }
        @Override public List<List<String>> startCommands(String d) { return List.of(List.of("VBoxManage", "startvm", "web", "--type", "headless")); }
        @Override public List<List<String>> detachCommands(String d) { return List.of(List.of("VBoxManage", "storageattach", "web", "--medium", "emptydrive")); }
        @Override public List<List<String>> attachCommands(String d) { return List.of(List.of("VBoxManage", "storageattach", "web", "--medium", d)); }
    }

    private MigrationTools guestTools() {
        return new MigrationTools("local", host.zfs, ref -> new ListedGuest(), host.steps, host.store);
    }

    private List<MigrationRecord> plan(MigrationTools tools, MigrationOptions o, boolean guest) throws Exception {
        GuestRef ref = guest ? new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, "uuid-web", "web", "SATA|0|0", "/vms/web.vmdk", true)
                : GuestRef.none();
        Plans p = Plans.make(tools, List.of(new MigrationSource(ZVOL, ref, List.of())), "tank", o);
        assertFalse(p.refused(), p.refusals().toString());
        return p.plans();
    }

    @Test
    void aGuestIsStoppedAndStartedAndItsDowntimeShownLiveAndFinal() throws Exception {
        MigrationTools tools = guestTools();
        MigrationRunViewModel run = new MigrationRunViewModel(plan(tools, MigrationOptions.safeDefaults(), true), tools, TaskExecutor.direct());
        assertEquals("The guest is still running.", run.downtimeProperty().get());
        List<String> seen = new ArrayList<>();
        host.steps.hookOn = StepKind.FINAL_SEND;
        host.steps.hook = ctx -> seen.add(run.downtimeProperty().get() + " | " + run.currentProperty().get());
        run.start();
        assertEquals(List.of("do PRESEED_SNAPSHOT", "do PRESEED_SEND", "do STOP_GUEST", "do DETACH_DISK", "do FINAL_SNAPSHOT",
                "do FINAL_SEND", "do VERIFY", "do REPOINT_DISK", "do START_GUEST", "do CLEAN_UP"), host.steps.log);
        assertTrue(seen.get(0).matches("Guest down for \\d+\\.\\d s \\| Step 6 of 10: Send what changed since the first snapshot"),
                seen.toString());
        assertTrue(run.downtimeProperty().get().matches("Guest downtime: \\d+\\.\\d s"), run.downtimeProperty().get());
        assertEquals(MigrationState.SUCCEEDED, run.stateProperty().get());
        List<String> stop = run.steps().get(2).commands();
        // live was asked for (the safe defaults) and a VirtualBox guest cannot: the step says so above its command
        assertEquals("VBoxManage controlvm web acpipowerbutton", stop.get(stop.size() - 1));
        assertTrue(stop.size() == 1 || stop.get(0).startsWith("# Not live:"), stop.toString());
    }

    @Test
    void aFailedStepRollsBackAndTheStateReportIsShown() throws Exception {
        MigrationTools tools = host.tools();
        host.steps.failOn.add(StepKind.FINAL_SEND);
        MigrationRunViewModel run = new MigrationRunViewModel(plan(tools, MigrationOptions.safeDefaults(), false), tools, TaskExecutor.direct());
        run.start();
        assertEquals(MigrationState.ROLLED_BACK, run.stateProperty().get());
        assertEquals("Rolled back, everything is as it was. Step 2 (Send the zvol with its 4 snapshots) failed: cannot receive new filesystem stream: "
                + "out of space", run.summaryProperty().get());
        assertEquals(List.of(StepStatus.UNDONE, StepStatus.UNDONE, StepStatus.PENDING), run.steps().stream().map(StepRow::status).toList());
        assertTrue(run.reportProperty().get().contains(" 2. undone       Send the zvol with its 4 snapshots \u2014 cannot receive new filesystem stream: out of space"),
                run.reportProperty().get());
        assertFalse(run.canCleanUpProperty().get(), "the partial target was cleaned up by the rollback");
        assertTrue(run.finishedProperty().get());
        assertFalse(run.runningProperty().get());
    }

    @Test
    void cancelRollsBackWhatWasDone() throws Exception {
        MigrationTools tools = guestTools();
        MigrationRunViewModel run = new MigrationRunViewModel(plan(tools, MigrationOptions.safeDefaults(), true), tools, TaskExecutor.direct());
        host.steps.hookOn = StepKind.STOP_GUEST;
        host.steps.hook = ctx -> run.cancel();
        run.start();
        assertEquals(List.of("do PRESEED_SNAPSHOT", "do PRESEED_SEND", "do STOP_GUEST",
                "undo STOP_GUEST", "undo PRESEED_SEND", "undo PRESEED_SNAPSHOT"), host.steps.log);
        assertEquals(MigrationState.ROLLED_BACK, run.stateProperty().get());
        assertTrue(run.summaryProperty().get().contains("Cancelled during step 3 (Stop VirtualBox VM 'web')"), run.summaryProperty().get());
    }

    @Test
    void keepingThePartialTargetCanBeChosenWhileRunningAndCleanedUpAfterwards() throws Exception {
        MigrationTools tools = host.tools();
        MigrationRunViewModel run = new MigrationRunViewModel(plan(tools, MigrationOptions.safeDefaults(), false), tools, TaskExecutor.direct());
        assertFalse(run.keepPartialTargetProperty().get(), "safe defaults clean up");
        host.steps.hookOn = StepKind.FINAL_SNAPSHOT;
        host.steps.hook = ctx -> run.keepPartialTargetProperty().set(true);
        host.steps.failOn.add(StepKind.FINAL_SEND);
        run.start();
        MigrationRecord saved = host.store.all().get(0);
        assertTrue(saved.options().keepPartialTarget(), "the choice reached the running migration and its record");
        assertTrue(run.canCleanUpProperty().get());

        // the kept partial receive, as zfs shows it; then the clean-up aborts it and destroys the target
        String line = ScriptedZfs.datasets(ScriptedZfs.V23).lines().filter(l -> l.startsWith("tank/resume/myvbox\t")).findFirst()
                .orElseThrow().replaceFirst("^tank/resume/myvbox", "tank/myvbox");
        AtomicReference<Boolean> gone = new AtomicReference<>(false);
        host.runner.on("zfs", "list", "-Hp", "-o", String.join(",", dev.sluice.zfs.ZfsListParser.DATASET_COLUMNS), "tank/myvbox")
                .answer(c -> gone.get() ? new ScriptedRunner.Answer(1, "", "cannot open 'tank/myvbox': dataset does not exist\n", List.of(), null)
                        : new ScriptedRunner.Answer(0, line + "\n", "", List.of(), null));
        host.runner.onPrefix("zfs", "get", "-Hp", "-o", "name,property,value,source", "receive_resume_token")
                .stdout(ScriptedZfs.fixture(ScriptedZfs.V23, "zfs-get-receive-resume-token.txt").replace("tank/resume/myvbox", "tank/myvbox"));
        host.runner.onPrefix("zfs", "receive", "-A").ok();
        host.runner.onPrefix("zfs", "destroy").answer(c -> {
            if (c.argv().contains("-nvp")) {
                return new ScriptedRunner.Answer(0, "destroy\ttank/myvbox\n", "", List.of(), null);
            }
            gone.set(true);
            return new ScriptedRunner.Answer(0, "", "", List.of(), null);
        });
        AtomicReference<dev.sluice.zfs.DestroyPreview> preview = new AtomicReference<>();
        run.previewCleanUp(preview::set);
        assertEquals(List.of("tank/myvbox"), preview.get().everything(), "the clean-up shows what it destroys first");
        assertFalse(gone.get(), "nothing is destroyed before the confirmation");
        run.cleanUpPartialTarget(preview.get());
        assertEquals("tank/myvbox was removed.", run.summaryProperty().get(), host.runner.ranArgv().toString());
        assertTrue(host.runner.ranArgv().stream().anyMatch(a -> a.containsAll(List.of("destroy", "tank/myvbox"))));
        assertFalse(run.canCleanUpProperty().get());
    }

    @Test
    void anInterruptedMigrationIsFoundAndResumedWhereItStopped() throws Exception {
        MigrationTools tools = host.tools();
        MigrationRecord plan = plan(tools, MigrationOptions.safeDefaults(), false).get(0);
        List<MigrationStep> steps = new ArrayList<>(plan.steps());
        steps.set(0, steps.get(0).with(StepStatus.DONE, ""));
        steps.set(1, steps.get(1).with(StepStatus.RUNNING, ""));
        host.store.save(new MigrationRecord(plan.id(), plan.hostId(), plan.created(), plan.source(), plan.target(), plan.options(),
                plan.guest(), MigrationState.RUNNING, steps, null, null, ""));

        InterruptedMigrationsViewModel found = new InterruptedMigrationsViewModel(host.source(), TaskExecutor.direct());
        found.check(() -> { });
        assertEquals(1, found.unfinished().size());
        MigrationRecord r = found.unfinished().get(0);
        assertEquals(MigrationState.INTERRUPTED, r.state());
        assertTrue(found.canResume(r));
        assertTrue(found.describe(r).startsWith("rpool/vboxzones/myvbox → tank/myvbox (interrupted). Sluice stopped while this "
                + "migration was running at step 2 (Send the zvol with its 4 snapshots)."), found.describe(r));
        MigrationRunViewModel run = found.resume(r);
        assertEquals(List.of("do FINAL_SEND", "do VERIFY"), host.steps.log, "the finished snapshot step is not run again");
        assertEquals(MigrationState.SUCCEEDED, run.stateProperty().get());
        assertTrue(found.unfinished().isEmpty());
        assertTrue(host.store.unfinished().isEmpty());
    }

    @Test
    void anInterruptedMigrationCanBeRolledBack() throws Exception {
        MigrationTools tools = host.tools();
        MigrationRecord plan = plan(tools, MigrationOptions.safeDefaults(), false).get(0);
        List<MigrationStep> steps = new ArrayList<>(plan.steps());
        steps.set(0, steps.get(0).with(StepStatus.DONE, ""));
        steps.set(1, steps.get(1).with(StepStatus.RUNNING, ""));
        host.store.save(new MigrationRecord(plan.id(), plan.hostId(), plan.created(), plan.source(), plan.target(), plan.options(),
                plan.guest(), MigrationState.ROLLING_BACK, steps, null, null, ""));
        InterruptedMigrationsViewModel found = new InterruptedMigrationsViewModel(host.source(), TaskExecutor.direct());
        found.check(() -> { });
        AtomicReference<dev.sluice.migrate.MigrationRecovery.RollBackPreview> preview = new AtomicReference<>();
        found.previewRollBack(found.unfinished().get(0), preview::set);
        assertTrue(preview.get().destroysNothing(), preview.get().toString());
        MigrationRunViewModel run = found.rollBack(found.unfinished().get(0), preview.get());
        assertEquals(List.of("undo FINAL_SEND", "undo FINAL_SNAPSHOT"), host.steps.log);
        assertEquals(MigrationState.ROLLED_BACK, run.stateProperty().get());
        assertTrue(run.summaryProperty().get().contains("Rolled back at the user's request."), run.summaryProperty().get());
    }

    @Test
    void aMigrationThatCannotBeReachedSaysWhy() {
        InterruptedMigrationsViewModel found = new InterruptedMigrationsViewModel(() -> {
            throw new IllegalStateException("Cannot reach host nas1: connection refused. Check that sshd runs there.");
        }, TaskExecutor.direct());
        found.check(() -> { });
        assertEquals("Cannot reach host nas1: connection refused. Check that sshd runs there.", found.errorProperty().get());
    }
}
