package dev.sluice.it;

import static dev.sluice.it.MatrixWorld.DST;
import static dev.sluice.it.MatrixWorld.DST_DEV;
import static dev.sluice.it.MatrixWorld.SRC;
import static dev.sluice.it.MatrixWorld.SRC_DEV;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRequest;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.StepActions;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.StepStatus;
import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.migration.InterruptedMigrationsViewModel;
import dev.sluice.ui.migration.MigrationRunViewModel;
import dev.sluice.ui.migration.MigrationTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's proof on real OpenZFS: for a QEMU guest running inside the testbed and a VirtualBox guest (the
 * VBoxManage double, real zvols), and for every step of a migration that pre-seeds, carries the zvol's
 * snapshots and destroys the source: (a) a failure injected right after the step did its work, (b) the Sluice
 * process running the migration killed with kill -9 right there (a JVM of its own, {@link MigrationProcess}),
 * then Sluice started again and doing what its start-up dialog offers first. Then the cases "second Sluice
 * during a migration", "host switched during a migration", "SSH connection dropped during the final send" and
 * "target pool filled up during the send".
 *
 * <p>After every case: the migration ended SUCCEEDED or ROLLED_BACK; the guest runs on the disk it should be on,
 * whose sha256 is the last data written to it (for a kill past the point of no return: data written on the target
 * after the guest's restart, which recovery must keep); exactly the datasets and snapshots expected are left.
 *
 * <p>{@code -Dsluice.faultmatrix=full} runs all cases, {@code =extras} the four cases that are not a step's; by
 * default a representative subset of three runs. {@code -Dsluice.faultmatrix.only=QEMU kill at,VBOX fail at
 * FINAL_SEND} keeps only the cases whose name contains one of the comma-separated parts.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationFaultMatrixIT {
    private static final int MIB = 4;
    private static final List<StepKind> PAST_NO_RETURN = List.of(StepKind.START_GUEST, StepKind.DESTROY_SOURCE, StepKind.CLEAN_UP);

    Testbed tb;
    MatrixFixture fx;
    final List<String> table = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    void pools(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshPool("mfrom", 3);
        tb.freshPool("mto", 4);
        fx = new MatrixFixture(tb);
    }

    @AfterAll
    void table() throws Exception {
        String text = "| case | result | time |\n| --- | --- | --- |\n" + String.join("\n", table) + "\n";
        System.err.println("[faultmatrix]\n" + text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "faultmatrix.md"), text);
    }

    enum Mode { FAIL, KILL }

    record Case(MatrixWorld.Kind world, Mode mode, StepKind step) {
        String name() {
            return world + " " + mode.name().toLowerCase() + " at " + step;
        }
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        String which = System.getProperty("sluice.faultmatrix", "");
        boolean full = which.equals("full");
        boolean extrasOnly = which.equals("extras");
        List<Case> cases = new ArrayList<>();
        // interleaved, so that a run cut short still covers both guests and both faults
        for (StepKind k : StepKind.values()) {
            cases.add(new Case(MatrixWorld.Kind.QEMU, Mode.FAIL, k));
            cases.add(new Case(MatrixWorld.Kind.VBOX, Mode.KILL, k));
            cases.add(new Case(MatrixWorld.Kind.QEMU, Mode.KILL, k));
            cases.add(new Case(MatrixWorld.Kind.VBOX, Mode.FAIL, k));
        }
        // the CI subset (with the two extras above, three cases; CI's time budget, each case takes 1-2 minutes there):
        // a kill past the point of no return, whose recovery must keep what the guest wrote on the new disk after its
        // restart. Failures rolled back are MigrationIT's (one per guest kind, and one past the point of no return);
        // the whole matrix (44 step cases, all passed) is -Dsluice.faultmatrix=full
        List<Case> subset = List.of(new Case(MatrixWorld.Kind.QEMU, Mode.KILL, StepKind.START_GUEST));
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("second Sluice started during a migration", () -> timed("second Sluice during a migration",
                () -> secondSluice(MatrixWorld.Kind.VBOX))));
        tests.add(DynamicTest.dynamicTest("target pool filled up during the send", () -> timed("target pool filled up during the send",
                () -> poolFills(MatrixWorld.Kind.VBOX))));
        if (full || extrasOnly) {
            tests.add(DynamicTest.dynamicTest("host switched during a migration", () -> timed("host switched during a migration",
                    () -> hostSwitched(MatrixWorld.Kind.VBOX))));
            tests.add(DynamicTest.dynamicTest("SSH connection dropped during the final send", () -> timed(
                    "SSH connection dropped during the final send", () -> sshDrops(MatrixWorld.Kind.VBOX))));
        }
        for (Case c : full ? cases : extrasOnly ? List.<Case>of() : subset) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> timed(c.name(), () -> run(c))));
        }
        // -Dsluice.faultmatrix.only=<part of a name>[,<another>...]: only the cases whose name contains one of them
        List<String> only = List.of(System.getProperty("sluice.faultmatrix.only", "").split(","));
        return tests.stream().filter(t -> only.stream().anyMatch(o -> t.getDisplayName().contains(o.strip())));
    }

    interface Body {
        String run() throws Exception;
    }

    private void timed(String name, Body body) throws Throwable {
        long t0 = System.nanoTime();
        String result = "FAILED";
        try {
            result = body.run();
        } catch (Throwable t) {
            result = "FAILED: " + String.valueOf(t.getMessage()).lines().findFirst().orElse("").replace('|', '/');
            System.err.println("[faultmatrix] " + name + " failed: " + t);
            t.printStackTrace();
            throw t;
        } finally {
            fx.endChildren();
            String row = String.format("| %s | %s | %.1f s |", name, result, (System.nanoTime() - t0) / 1e9);
            table.add(row);
            System.err.println("[faultmatrix] " + row);
        }
    }

    // ------------------------------------------------------------------ one step × one fault

    private String run(Case c) throws Exception {
        Path home = Files.createTempDirectory(tmp, "home");
        MatrixWorld world = fx.world(c.world(), home);
        String data = fx.reset(world);
        MigrationRecord plan = plan(world);
        if (plan.steps().stream().noneMatch(s -> s.kind() == c.step())) {
            return "n/a (the plan has no " + c.step() + ")";
        }
        MigrationState end;
        String expected = data;
        if (c.mode() == Mode.FAIL) {
            end = runInProcess(world, plan, c.step());
            if (end == MigrationState.NEEDS_ATTENTION) {
                end = recoverInProcess(world);
            }
        } else {
            MatrixFixture.Child child = fx.start(world, "run", plan.id(), c.step().name());
            child.await("AT " + c.step());
            child.kill9();
            if (PAST_NO_RETURN.contains(c.step())) {
                expected = tb.writeRandom(DST_DEV, MIB); // the guest wrote on its new disk after the restart
            }
            MatrixFixture.Child again = fx.start(world, "recover");
            String last = again.awaitEnd();
            assertTrue(last.startsWith("END "), again.output());
            end = MigrationState.valueOf(last.split(" ")[1]);
            if (PAST_NO_RETURN.contains(c.step())) {
                assertTrue(again.output().contains("OFFERED [FINISH, DISMISS]"), "past the point of no return: " + again.output());
            }
        }
        MigrationRecord last = world.store().find(plan.id()).orElseThrow();
        fx.check(world, last, end, expected, MIB);
        return end + (last.steps().stream().anyMatch(s -> s.message().contains("resumed")) ? " (resumed)" : "");
    }

    private MigrationRecord plan(MatrixWorld world) throws Exception {
        MigrationOptions o = new MigrationOptions(true, false, true, true, false, Map.of());
        MigrationTools t = world.tools();
        MigrationRecord plan = t.planner().plan(MigrationRequest.of(SRC, "mto/vm", o, fx.guestRef(world)));
        world.store().save(plan);
        world.host().qemu().detachAll(); // QEMU serves one QMP client: the Sluice process that runs it must get it
        return plan;
    }

    /** The app's progress page with a failure injected right after {@code failing} did its work. */
    private MigrationState runInProcess(MatrixWorld world, MigrationRecord plan, StepKind failing) throws Exception {
        MigrationTools t = world.tools();
        StepActions real = t.actions();
        StepActions injected = new StepActions() {
            @Override
            public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                real.execute(step, r, ctx);
                if (step.kind() == failing) {
                    throw new IllegalStateException("injected failure after " + failing);
                }
            }

            @Override
            public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                real.undo(step, r, ctx);
            }
        };
        MigrationTools tools = new MigrationTools(t.hostId(), t.zfs(), t.guests(), injected, t.store(), t.users());
        MigrationRunViewModel run = new MigrationRunViewModel(List.of(plan), tools, TaskExecutor.direct());
        run.start();
        return run.stateProperty().get();
    }

    /** The next start's dialog, first offer taken (finish past the point of no return, else resume). */
    private MigrationState recoverInProcess(MatrixWorld world) throws Exception {
        MigrationTools t = world.tools();
        InterruptedMigrationsViewModel vm = new InterruptedMigrationsViewModel(() -> t, TaskExecutor.direct());
        vm.check(() -> { });
        assertEquals(1, vm.unfinished().size(), vm.errorProperty().get());
        MigrationRecord r = vm.unfinished().get(0);
        assertEquals(List.of(dev.sluice.migrate.MigrationRecovery.Offer.FINISH, dev.sluice.migrate.MigrationRecovery.Offer.DISMISS),
                vm.offers(r), "needs attention only past the point of no return, and then no roll back");
        return vm.finish(r).stateProperty().get();
    }

    // ------------------------------------------------------------------ the other cases

    private String secondSluice(MatrixWorld.Kind kind) throws Exception {
        Path home = Files.createTempDirectory(tmp, "home");
        MatrixWorld world = fx.world(kind, home);
        String data = fx.reset(world);
        MigrationRecord plan = plan(world);
        MatrixFixture.Child first = fx.start(world, "run", plan.id(), StepKind.FINAL_SEND.name());
        first.await("AT FINAL_SEND");
        String before = ownerAndSteps(world.store().find(plan.id()).orElseThrow());
        MatrixFixture.Child second = fx.start(world, "recover");
        assertEquals("ALREADY_RUNNING", second.awaitEnd(), second.output());
        assertEquals(3, second.exitCode());
        // even a process that skips the instance lock finds the migration owned by a live process and leaves it alone
        MatrixFixture.Child scan = fx.start(world, "scan");
        assertTrue(scan.awaitEnd().startsWith("FOUND 0"), scan.output());
        assertEquals(before, ownerAndSteps(world.store().find(plan.id()).orElseThrow()),
                "the running migration's record was not touched (its owner's heartbeat aside)");
        Files.createFile(home.resolve("go"));
        String end = first.awaitEnd();
        assertTrue(end.startsWith("END SUCCEEDED"), first.output());
        fx.check(world, world.store().find(plan.id()).orElseThrow(), MigrationState.SUCCEEDED, data, MIB);
        return "SUCCEEDED; second start exited, record untouched";
    }

    private static String ownerAndSteps(MigrationRecord r) {
        return r.state() + " " + (r.owner() == null ? "-" : r.owner().pid() + "@" + r.owner().bootId()) + " "
                + r.steps().stream().map(s -> s.status().name()).toList();
    }

    private String hostSwitched(MatrixWorld.Kind kind) throws Exception {
        Path home = Files.createTempDirectory(tmp, "home");
        MatrixWorld world = fx.world(kind, home);
        String data = fx.reset(world);
        MigrationRecord plan = plan(world);
        MatrixFixture.Child first = fx.start(world, "run", plan.id(), StepKind.PRESEED_SEND.name());
        first.await("AT PRESEED_SEND");
        String before = ownerAndSteps(world.store().find(plan.id()).orElseThrow());
        // what a host change used to do: scan the records again (another host's tools, then this host's)
        MatrixWorld other = new MatrixWorld(MatrixWorld.Kind.VBOX == kind ? MatrixWorld.Kind.QEMU : MatrixWorld.Kind.VBOX,
                tb.sshPort(), tb.keyFile(), home);
        for (MigrationTools t : List.of(other.tools(), world.tools())) {
            InterruptedMigrationsViewModel vm = new InterruptedMigrationsViewModel(() -> t, TaskExecutor.direct());
            vm.check(() -> { });
            assertTrue(vm.unfinished().isEmpty(), "a running migration is never offered as interrupted");
        }
        assertEquals(before, ownerAndSteps(world.store().find(plan.id()).orElseThrow()));
        Files.createFile(home.resolve("go"));
        assertTrue(first.awaitEnd().startsWith("END SUCCEEDED"), first.output());
        fx.check(world, world.store().find(plan.id()).orElseThrow(), MigrationState.SUCCEEDED, data, MIB);
        return "SUCCEEDED; rescans left it alone";
    }

    private String sshDrops(MatrixWorld.Kind kind) throws Exception {
        Path home = Files.createTempDirectory(tmp, "home");
        MatrixWorld world = fx.world(kind, home);
        String data = fx.reset(world, 96); // enough data for the final send to be caught mid-stream
        MigrationOptions o = new MigrationOptions(false, false, false, false, false, Map.of());
        MigrationTools t = world.tools();
        MigrationRecord plan = t.planner().plan(MigrationRequest.of(SRC, "mto/vm", o, fx.guestRef(world)));
        java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
        StepActions real = t.actions();
        StepActions dropping = new StepActions() {
            @Override
            public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                if (step.kind() == StepKind.FINAL_SEND) {
                    StepContext watching = new StepContext() {
                        @Override
                        public void progress(dev.sluice.task.Progress p) {
                            if (p.done() > 0 && dropped.compareAndSet(false, true)) {
                                fx.dropSshOfPipeline();
                            }
                            ctx.progress(p);
                        }

                        @Override
                        public boolean isCancelled() {
                            return ctx.isCancelled();
                        }

                        @Override
                        public void onCancel(Runnable action) {
                            ctx.onCancel(action);
                        }

                        @Override
                        public void note(String message) {
                            ctx.note(message);
                        }
                    };
                    real.execute(step, r, watching);
                } else {
                    real.execute(step, r, ctx);
                }
            }

            @Override
            public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                real.undo(step, r, ctx);
            }
        };
        MigrationRunViewModel run = new MigrationRunViewModel(List.of(plan),
                new MigrationTools(t.hostId(), t.zfs(), t.guests(), dropping, t.store(), t.users()), TaskExecutor.direct());
        run.start();
        assertTrue(dropped.get(), "the connection was dropped mid-stream");
        MigrationState end = run.stateProperty().get();
        fx.check(world, world.store().find(plan.id()).orElseThrow(), end, data, 96);
        return end + " (" + run.summaryProperty().get().replace('|', '/').lines().findFirst().orElse("") + ")";
    }

    private String poolFills(MatrixWorld.Kind kind) throws Exception {
        Path home = Files.createTempDirectory(tmp, "home");
        MatrixWorld world = fx.world(kind, home);
        String data = fx.reset(world);
        MigrationRecord plan = plan(world);
        StepActions real = world.tools().actions();
        MigrationTools t = world.tools();
        StepActions filling = new StepActions() {
            @Override
            public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                if (step.kind() == StepKind.PRESEED_SEND) {
                    fx.fillPool("mto");
                }
                real.execute(step, r, ctx);
            }

            @Override
            public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
                real.undo(step, r, ctx);
            }
        };
        MigrationRunViewModel run = new MigrationRunViewModel(List.of(plan),
                new MigrationTools(t.hostId(), t.zfs(), t.guests(), filling, t.store(), t.users()), TaskExecutor.direct());
        try {
            run.start();
        } finally {
            fx.unfillPool("mto");
        }
        MigrationRecord last = world.store().find(plan.id()).orElseThrow();
        assertEquals(MigrationState.ROLLED_BACK, last.state(), last.error());
        assertEquals(StepStatus.UNDONE, last.steps().stream().filter(s -> s.kind() == StepKind.PRESEED_SEND).findFirst().orElseThrow().status());
        fx.check(world, last, MigrationState.ROLLED_BACK, data, MIB);
        return "ROLLED_BACK (" + last.error().lines().findFirst().orElse("") + ")";
    }
}
