package dev.sluice.it;

import dev.sluice.app.SluiceApp;
import dev.sluice.config.AppDirs;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRecovery;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.StepActions;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.migration.InterruptedMigrationsViewModel;
import dev.sluice.ui.migration.MigrationRunViewModel;
import dev.sluice.ui.migration.MigrationTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Sluice process for the fault matrix, started by the test as a JVM of its own (so that kill -9 is real):
 * {@code -Dsluice.home=<home>} like the app, the app's single-instance lock, the app's migration factories.
 * <ul>
 *   <li>{@code run <world> <port> <key> <id> <pauseAt|->}: runs the planned migration {@code id}; right after step
 *   {@code pauseAt} did its work it prints {@code AT <step>} and waits for {@code <home>/go} (or for kill -9).</li>
 *   <li>{@code recover <world> <port> <key>}: the start-up path: the interrupted-migrations check, then for each one
 *   what the dialog offers first (finish, else resume), and prints {@code END <state>}.</li>
 *   <li>{@code scan …}: the check alone, without the single-instance lock; prints {@code FOUND <n>}.</li>
 * </ul>
 * Prints {@code ALREADY_RUNNING} and exits 3 when another Sluice holds the instance lock.
 */
public final class MigrationProcess {

    private MigrationProcess() {
    }

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        MatrixWorld.Kind kind = MatrixWorld.Kind.valueOf(a[1]);
        AppDirs dirs = AppDirs.current();
        Path home = dirs.state().getParent();
        if (!mode.equals("scan") && !SluiceApp.becomeTheInstance(dirs)) {
            say("ALREADY_RUNNING");
            System.exit(3);
        }
        MatrixWorld world = new MatrixWorld(kind, Integer.parseInt(a[2]), a[3], home);
        MigrationTools tools = world.tools();
        switch (mode) {
            case "run" -> run(tools, home, a[4], a[5]);
            case "recover" -> recover(tools);
            case "scan" -> {
                InterruptedMigrationsViewModel vm = new InterruptedMigrationsViewModel(() -> tools, TaskExecutor.direct());
                vm.check(() -> { });
                say("FOUND " + vm.unfinished().size() + " " + vm.errorProperty().get());
            }
            default -> throw new IllegalArgumentException(mode);
        }
        System.exit(0);
    }

    private static void run(MigrationTools t, Path home, String id, String pauseAt) {
        StepActions real = t.actions();
        StepActions pausing = new StepActions() {
            @Override
            public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                real.execute(step, r, ctx);
                if (step.kind().name().equals(pauseAt)) {
                    say("AT " + step.kind());
                    while (!Files.exists(home.resolve("go"))) {
                        Thread.sleep(100);
                    }
                }
            }

            @Override
            public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                real.undo(step, r, ctx);
            }
        };
        MigrationTools tools = new MigrationTools(t.hostId(), t.zfs(), t.guests(), pausing, t.store(), t.users());
        MigrationRecord plan = t.store().find(id).orElseThrow();
        MigrationRunViewModel run = new MigrationRunViewModel(List.of(plan), tools, TaskExecutor.direct());
        run.start();
        say("END " + run.stateProperty().get() + " " + run.summaryProperty().get().replace('\n', ' '));
    }

    private static void recover(MigrationTools tools) {
        InterruptedMigrationsViewModel vm = new InterruptedMigrationsViewModel(() -> tools, TaskExecutor.direct());
        vm.check(() -> { });
        if (!vm.errorProperty().get().isEmpty()) {
            say("ERROR " + vm.errorProperty().get());
            return;
        }
        if (vm.unfinished().isEmpty()) {
            say("NONE");
            return;
        }
        for (MigrationRecord r : List.copyOf(vm.unfinished())) {
            List<MigrationRecovery.Offer> offers = vm.offers(r);
            say("OFFERED " + offers);
            MigrationRunViewModel run;
            if (offers.contains(MigrationRecovery.Offer.FINISH)) {
                run = vm.finish(r);
            } else if (offers.contains(MigrationRecovery.Offer.RESUME)) {
                run = vm.resume(r);
            } else {
                AtomicReference<MigrationRecovery.RollBackPreview> preview = new AtomicReference<>();
                vm.previewRollBack(r, preview::set);
                say("PREVIEW " + preview.get().destroyed());
                run = vm.rollBack(r, preview.get());
            }
            say("END " + run.stateProperty().get() + " " + run.summaryProperty().get().replace('\n', ' '));
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
