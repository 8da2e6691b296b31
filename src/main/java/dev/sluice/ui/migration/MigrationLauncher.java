package dev.sluice.ui.migration;

import dev.sluice.guest.DiskMoveRequest;
import dev.sluice.guest.Guest;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.UserMessages;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Where the other views start a migration. The lead wires {@link #diskMoveHandler()} to the VMs view's
 * disk menu "Move to pool ▸ &lt;pool&gt;", {@link #moveZvol} to the Volumes view's zvol menu, and calls
 * {@link #checkInterrupted()} once the main window shows.
 * One click: plan with safe defaults → one confirmation with every step and command → a progress window.
 */
public final class MigrationLauncher {
    private final MigrationTools.Source tools;
    private final TaskExecutor executor;
    private final Supplier<Window> owner;
    private final Consumer<String> errors;
    private final java.util.Set<String> offered = new java.util.HashSet<>();
    private Stage lastWindow;
    private boolean scanned;

    /** {@code errors}: where a failure to even plan is shown (the app's notifications). */
    public MigrationLauncher(MigrationTools.Source tools, TaskExecutor executor, Supplier<Window> owner, Consumer<String> errors) {
        this.tools = tools;
        this.executor = executor;
        this.owner = owner;
        this.errors = errors;
    }

    /** For {@code VmsViewModel.moveHandlerProperty()}. */
    public Consumer<DiskMoveRequest> diskMoveHandler() {
        return r -> move(List.of(MigrationSource.of(r)), r.targetPool());
    }

    /** "Move to ▸ <another host>…": the wizard opened on that host. */
    public HostMoves hostMoves() {
        return new HostMoves() {
            @Override
            public List<MigrationTools.TargetHost> hosts() {
                return tools.otherHosts();
            }

            @Override
            public void pools(String hostId, Consumer<List<String>> ok, Consumer<String> failed) {
                String name = hosts().stream().filter(h -> h.id().equals(hostId)).map(MigrationTools.TargetHost::name)
                        .findFirst().orElse(hostId);
                BackgroundTask.of(I18n.t("migrate.menu.loadingPools"), ctx -> tools.poolsOn(hostId))
                        .onSuccess(ok::accept)
                        .onFailure(e -> failed.accept(I18n.t("migrate.menu.poolsFailed", name, UserMessages.of(e))))
                        .executeWith(executor);
            }

            @Override
            public void moveZvol(String zvol, String hostId) {
                openWizardTo(List.of(MigrationSource.zvol(zvol)), hostId);
            }

            @Override
            public void moveDisk(dev.sluice.guest.DiskMoveRequest disk, String hostId) {
                openWizardTo(List.of(MigrationSource.of(disk)), hostId);
            }

            @Override
            public void moveZvol(String zvol, String hostId, String pool) {
                move(List.of(MigrationSource.zvol(zvol)), hostId, pool);
            }

            @Override
            public void moveDisk(dev.sluice.guest.DiskMoveRequest disk, String hostId, String pool) {
                move(List.of(MigrationSource.of(disk)), hostId, pool);
            }
        };
    }

    /** The wizard with its sources preset and {@code hostId} chosen as the target host. */
    public Stage openWizardTo(List<MigrationSource> preset, String hostId) {
        lastWindow = MigrationWizardView.open(owner.get(), new MigrationWizardViewModel(tools, executor, preset, null, hostId));
        return lastWindow;
    }

    /** A zvol's "Move to pool ▸ pool" in the Volumes view. */
    public void moveZvol(String zvol, String pool) {
        move(List.of(MigrationSource.zvol(zvol)), pool);
    }

    /** One click for several sources (a VM's disks, in sequence). */
    public void move(List<MigrationSource> sources, String pool) {
        move(sources, null, pool);
    }

    /** One click to {@code pool} on {@code hostId} (null: the current host). */
    public void move(List<MigrationSource> sources, String hostId, String pool) {
        OneClickMoveViewModel vm = new OneClickMoveViewModel(tools, executor, sources, hostId, pool);
        vm.plan(() -> afterPlanning(vm));
    }

    private void afterPlanning(OneClickMoveViewModel vm) {
        if (!vm.errorProperty().get().isEmpty()) {
            errors.accept(vm.errorProperty().get());
            return;
        }
        Plans p = vm.plansProperty().get();
        if (p.refused()) {
            MigrationDialogs.refused(owner.get(), vm.title(), p.refusals()).show();
            return;
        }
        MigrationDialogs.confirm(owner.get(), vm).showAndWait().ifPresent(choice -> {
            switch (choice) {
                case MOVE -> lastWindow = MigrationDialogs.progressWindow(owner.get(), vm.confirm(), vm.title());
                case MORE_OPTIONS -> openWizard(vm.sources(), vm.targetPool());
                case CANCEL -> { }
            }
        });
    }

    /** The full wizard; {@code preset} may be empty (the user picks a zvol), {@code pool} may be null. */
    public Stage openWizard(List<MigrationSource> preset, String pool) {
        lastWindow = MigrationWizardView.open(owner.get(), new MigrationWizardViewModel(tools, executor, preset, pool));
        return lastWindow;
    }

    /** "Move all disks…" of a VM. */
    public Stage openWizard(Guest vm) {
        return openWizard(MigrationSource.allDisks(vm), null);
    }

    /**
     * Quitting Sluice: with no migration running, {@code quit} runs at once. Otherwise the user is asked; "stop"
     * lets every running migration finish its step and stop at a resumable checkpoint (never with a guest left
     * down), then quits; "keep running" does not quit.
     */
    public void quitWhenSafe(Runnable quit) {
        List<MigrationRunViewModel> running = RunningMigrations.all();
        if (running.isEmpty()) {
            quit.run();
            return;
        }
        if (!MigrationDialogs.askStop(owner.get())) {
            return;
        }
        errors.accept(I18n.t("migrate.quit.waiting"));
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(running.size());
        for (MigrationRunViewModel run : running) {
            Runnable done = () -> {
                if (left.decrementAndGet() == 0) {
                    quit.run();
                }
            };
            if (run.finishedProperty().get()) {
                done.run();
            } else {
                run.finishedProperty().addListener((o, was, now) -> {
                    if (now) {
                        done.run();
                    }
                });
                run.stopAtCheckpoint();
            }
        }
    }

    /** Whether this process runs a migration now. */
    public boolean anyRunning() {
        return !RunningMigrations.all().isEmpty();
    }

    /**
     * Once per start: offers what may be done with migrations cut short (resume or roll back, or past the point of
     * no return finish or dismiss). Host changes do not scan again; migrations of another host are offered when
     * Sluice starts with that host selected.
     */
    public void checkInterrupted() {
        if (scanned) {
            return;
        }
        scanned = true;
        InterruptedMigrationsViewModel vm = new InterruptedMigrationsViewModel(tools, executor);
        vm.check(() -> {
            // each interrupted migration is offered once per session; "Decide later" means the next start
            vm.unfinished().removeIf(r -> !offered.add(r.id()));
            if (!vm.errorProperty().get().isEmpty()) {
                scanned = false; // the host did not answer: look again when one does
                errors.accept(vm.errorProperty().get());
            } else if (!vm.unfinished().isEmpty()) {
                new InterruptedMigrationsDialog(owner.get(), vm, (r, run) ->
                        lastWindow = MigrationDialogs.progressWindow(owner.get(), run, r.source() + " → " + r.target())).show();
            }
        });
    }

    /** The window the last action opened (wizard or progress), for tests and screenshots. */
    Stage lastWindow() {
        return lastWindow;
    }
}
