package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.MigrationState;
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

class OneClickMoveViewModelTest {
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
    void plansWithSafeDefaultsConfirmsOnceAndRuns() {
        OneClickMoveViewModel vm = new OneClickMoveViewModel(host.source(), TaskExecutor.direct(),
                List.of(MigrationSource.zvol("rpool/vboxzones/myvbox")), "tank");
        AtomicInteger called = new AtomicInteger();
        vm.plan(called::incrementAndGet);
        assertEquals(1, called.get());
        assertEquals("Move rpool/vboxzones/myvbox to tank", vm.title());
        assertEquals("Copies rpool/vboxzones/myvbox to tank/myvbox, verifies the copy and keeps the source.", vm.sentence());
        assertEquals(3, vm.steps().size());
        assertTrue(vm.steps().get(1).commands().get(0).startsWith("zfs send -vP -c "), vm.steps().get(1).commands().toString());
        assertTrue(host.steps.log.isEmpty(), "nothing runs before the confirmation");
        MigrationRunViewModel run = vm.confirm();
        assertEquals(MigrationState.SUCCEEDED, run.stateProperty().get());
    }

    @Test
    void theTargetParentIsShownAndCanBeChangedBeforeTheMove() {
        OneClickMoveViewModel vm = new OneClickMoveViewModel(host.source(), TaskExecutor.direct(),
                List.of(MigrationSource.zvol("rpool/vboxzones/myvbox")), "tank");
        vm.plan(() -> { });
        assertEquals("tank", vm.targetParentProperty().get());
        assertEquals("myvbox", vm.targetLeaf());
        assertTrue(vm.parents().contains("tank/resume2"), vm.parents().toString());
        vm.replan("tank/backup", () -> { });
        assertEquals("The target name 'tank/backup/myvbox' is taken. Pick another parent, or rename or destroy the existing dataset first.",
                vm.errorProperty().get());
        assertEquals("tank", vm.targetParentProperty().get());
        vm.replan("tank/resume2", () -> { });
        assertEquals("", vm.errorProperty().get());
        assertEquals("Copies rpool/vboxzones/myvbox to tank/resume2/myvbox, verifies the copy and keeps the source.", vm.sentence());
        vm.replan("rpool/elsewhere", () -> { });
        assertEquals("rpool/elsewhere is not in the pool tank. Choose a place in tank, or More options\u2026 for another pool.",
                vm.errorProperty().get());
        assertEquals("tank/resume2", vm.targetParentProperty().get(), "the last good plan stays");
        assertTrue(host.steps.log.isEmpty(), "nothing runs before the confirmation");
    }

    @Test
    void theSameParentPathInTheNewPoolIsUsedWhenItExists() throws Exception {
        assertEquals("tank/backup", Plans.parentIn(host.zfs, "rpool/backup/disk0", "tank"));
        assertEquals("tank", Plans.parentIn(host.zfs, "rpool/vboxzones/myvbox", "tank"));
        assertEquals("tank", Plans.parentIn(host.zfs, "rpool/disk0", "tank"));
    }

    @Test
    void aRefusedMoveSaysWhyAndChangesNothing() {
        OneClickMoveViewModel vm = new OneClickMoveViewModel(host.source(), TaskExecutor.direct(),
                List.of(MigrationSource.zvol("rpool/vboxzones/myvbox")), "rpool");
        vm.plan(() -> { });
        assertEquals(List.of("The target name 'rpool/vboxzones/myvbox' is taken. Pick another parent, or rename or destroy the "
                        + "existing dataset first.",
                "Source and target are in the same pool 'rpool'. Nothing needs copying: use zfs rename to move it within a pool."),
                vm.plansProperty().get().refusals());
        assertTrue(host.steps.log.isEmpty());
    }

    @Test
    void aHostThatCannotBeReachedSaysWhy() {
        OneClickMoveViewModel vm = new OneClickMoveViewModel(() -> {
            throw new IllegalStateException("zfs is not installed on nas1. Install zfsutils-linux.");
        }, TaskExecutor.direct(), List.of(MigrationSource.zvol("rpool/vboxzones/myvbox")), "tank");
        vm.plan(() -> { });
        assertEquals("zfs is not installed on nas1. Install zfsutils-linux.", vm.errorProperty().get());
    }
}
