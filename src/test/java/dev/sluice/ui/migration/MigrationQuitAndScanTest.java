package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecovery;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.StepStatus;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 items 2 and 5 at the app's level: one scan per start, and quitting stops at a resumable checkpoint. */
class MigrationQuitAndScanTest {
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

    @Test
    void interruptedMigrationsAreLookedForOnceNotAtEveryHostChange() {
        AtomicInteger opened = new AtomicInteger();
        MigrationLauncher launcher = new MigrationLauncher(() -> {
            opened.incrementAndGet();
            return host.tools();
        }, TaskExecutor.direct(), () -> null, e -> { });
        launcher.checkInterrupted(); // the first host is selected
        launcher.checkInterrupted(); // the user switches host
        launcher.checkInterrupted(); // and back
        assertEquals(1, opened.get());
    }

    @Test
    void quittingWithNothingRunningQuitsAtOnce() {
        MigrationLauncher launcher = new MigrationLauncher(host.source(), TaskExecutor.direct(), () -> null, e -> { });
        AtomicInteger quit = new AtomicInteger();
        launcher.quitWhenSafe(quit::incrementAndGet);
        assertEquals(1, quit.get());
    }

    @Test
    void stoppingAtACheckpointFinishesTheStepAndLeavesAResumableRecord() throws Exception {
        MigrationTools tools = new MigrationTools("local", host.zfs, ref -> new MigrationRunViewModelTest.ListedGuest(), host.steps, host.store);
        GuestRef ref = new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, "uuid-web", "web", "SATA|0|0", "/vms/web.vmdk", true);
        Plans p = Plans.make(tools, List.of(new MigrationSource(ZVOL, ref, List.of())), "tank", MigrationOptions.safeDefaults());
        MigrationRunViewModel run = new MigrationRunViewModel(p.plans(), tools, TaskExecutor.direct());
        host.steps.hookOn = StepKind.PRESEED_SEND;
        host.steps.hook = ctx -> run.stopAtCheckpoint();
        run.start();
        assertEquals(MigrationState.INTERRUPTED, run.stateProperty().get());
        assertEquals(List.of("do PRESEED_SNAPSHOT", "do PRESEED_SEND"), host.steps.log);
        assertEquals(StepStatus.DONE, run.records().get(0).steps().get(1).status(), "the current step completed");
        assertTrue(run.summaryProperty().get().startsWith("Stopped at a safe point; resume it at the next start."),
                run.summaryProperty().get());
        assertEquals(List.of(MigrationRecovery.Offer.RESUME, MigrationRecovery.Offer.ROLL_BACK),
                MigrationRecovery.offers(host.store.unfinished().get(0)));
    }
}
