package dev.sluice.ui.migration;

import dev.sluice.guest.DiskMoveRequest;
import dev.sluice.guest.Guest;
import dev.sluice.task.TaskExecutor;
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

    /** A zvol's "Move to pool ▸ pool" in the Volumes view. */
    public void moveZvol(String zvol, String pool) {
        move(List.of(MigrationSource.zvol(zvol)), pool);
    }

    /** One click for several sources (a VM's disks, in sequence). */
    public void move(List<MigrationSource> sources, String pool) {
        OneClickMoveViewModel vm = new OneClickMoveViewModel(tools, executor, sources, pool);
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

    /** At start-up: offers resume or roll back for migrations cut short, if any. */
    public void checkInterrupted() {
        InterruptedMigrationsViewModel vm = new InterruptedMigrationsViewModel(tools, executor);
        vm.check(() -> {
            // each interrupted migration is offered once per session; "Decide later" means the next start
            vm.unfinished().removeIf(r -> !offered.add(r.id()));
            if (!vm.errorProperty().get().isEmpty()) {
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
