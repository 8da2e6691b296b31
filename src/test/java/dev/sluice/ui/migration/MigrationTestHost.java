package dev.sluice.ui.migration;

import static dev.sluice.ui.common.testing.ScriptedZfs.V23;
import static dev.sluice.ui.common.testing.ScriptedZfs.fixture;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.StepActions;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.task.Progress;
import dev.sluice.ui.common.testing.ScriptedZfs;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A host for the migration UI tests: ZFS listings answered with the real 2.3 captures (pools rpool and
 * tank; the zvol rpool/vboxzones/myvbox with four snapshots; tank/secure-raw encrypted with its key not
 * loaded; tank/replica/myvbox already there), and step actions that only record what they are asked.
 */
final class MigrationTestHost {
    final ScriptedRunner runner = ScriptedZfs.host(V23);
    final ZfsService zfs = new ZfsService(runner);
    final FakeSteps steps = new FakeSteps();
    final MigrationStore store;

    MigrationTestHost(Path dir) {
        this.store = new MigrationStore(dir);
        String all = ScriptedZfs.datasets(V23);
        // zfs list -Hp -o <columns> <name>: one dataset, or zfs's own "does not exist"
        runner.when(a -> a.size() == 6 && a.subList(0, 4).equals(List.of("zfs", "list", "-Hp", "-o"))).answer(c -> {
            String name = c.argv().get(5);
            for (String line : all.split("\n")) {
                if (line.startsWith(name + "\t")) {
                    return new ScriptedRunner.Answer(0, line + "\n", "", List.of(), null);
                }
            }
            return new ScriptedRunner.Answer(1, "", "cannot open '" + name + "': dataset does not exist\n", List.of(), null);
        });
        // one dataset's snapshots, oldest first; the capture lacks written, clones, userrefs
        runner.when(a -> a.size() > 4 && a.get(1).equals("list") && a.contains("snapshot") && a.contains("-d")).answer(c -> {
            String name = c.argv().get(c.argv().size() - 1);
            StringBuilder out = new StringBuilder();
            for (String line : fixture(V23, "zfs-list-snapshots-by-createtxg.txt").split("\n")) {
                if (line.startsWith(name + "@")) {
                    out.append(line).append("\t0\t-\t0\n");
                }
            }
            return new ScriptedRunner.Answer(0, out.toString(), "", List.of(), null);
        });
        runner.onPrefix("readlink").fail(1, ""); // no /dev/zvol link here: nothing holds the device
        runner.onPrefix("zfs", "send", "-nvP").stdout(fixture(V23, "zfs-send-nvP-full.txt"));
    }

    MigrationTools tools() {
        return new MigrationTools("local", zfs, ref -> GuestControl.NONE, steps, store);
    }

    MigrationTools.Source source() {
        return this::tools;
    }

    /** Step actions that record, report a transfer on sends, and fail or cancel where told. */
    static final class FakeSteps implements StepActions {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final Set<StepKind> failOn = new HashSet<>();
        StepKind hookOn;
        Consumer<StepContext> hook = c -> { };

        @Override
        public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
            log.add("do " + step.kind());
            if (step.kind() == StepKind.PRESEED_SEND || step.kind() == StepKind.FINAL_SEND) {
                ctx.progress(new Progress(512L << 20, 1L << 30, 85.0 * (1 << 20), Duration.ofSeconds(6), ""));
            }
            if (step.kind() == hookOn) {
                hook.accept(ctx);
            }
            if (failOn.contains(step.kind())) {
                throw new IllegalStateException("cannot receive new filesystem stream: out of space");
            }
        }

        @Override
        public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) {
            log.add("undo " + step.kind());
        }
    }
}
