package dev.sluice.bench;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.ProcessCommandRunner;
import dev.sluice.host.Runners;
import dev.sluice.host.ShellQuote;
import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.ui.snapshots.SnapshotTimelineView;
import dev.sluice.ui.snapshots.SnapshotTimelineViewModel;
import dev.sluice.ui.snapshots.ZvolUsage;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Issue #18's SSH figures: the Snapshots view on a real OpenZFS 2.3 guest holding 1,000,000 snapshots over
 * 2,000 zvols ({@code src/test/testbed/build-bighost.sh}), through the app's own SSH runner
 * ({@link Runners#forHost}), the real {@link ZfsService}, ViewModel and view, headless (Monocle) like
 * {@link ScaleBenchmark}. Reports, each with the host's and the guest's load:
 * <ol>
 *   <li>{@code zfs list -Hp -t snapshot ...} timed inside the guest (output to /dev/null): ZFS's own time under TCG;</li>
 *   <li>the same listing through {@link ZfsService} over SSH (transfer and parsing, no view);</li>
 *   <li>Snapshots view: one zvol, and the whole host, from {@code show} to the first frame with timeline and list;</li>
 *   <li>refresh after one snapshot made in the guest, whole host and one zvol: to the frame that shows it;</li>
 *   <li>the worst FX frame gap during each ({@link FrameMeter}).</li>
 * </ol>
 * Not a test (no JUnit), so no suite or CI runs it. Needs the big host booted:
 * <pre>
 * src/test/testbed/start-bighost.sh        # boots instance "big" on an overlay of the cached pool
 * ./mvnw -q -Dsluice.setup.skip=true test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sluice.bench.ScaleSshBenchmark [-Dexec.args="ROUNDS"]
 * src/test/testbed/stop.sh -n big
 * </pre>
 * {@code -Dbighost.instance=NAME} picks another start.sh instance; {@code -Dbighost.oneZvolOnly=true} leaves out
 * everything that lists the whole host (minutes under TCG).
 */
public final class ScaleSshBenchmark {

    /** A zfs list of a million snapshots under TCG takes minutes, past {@link Command#DEFAULT_TIMEOUT}. */
    private static final Duration LIMIT = Duration.ofMinutes(20);
    private static SnapshotTimelineView view;

    private ScaleSshBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        // the whole host's listing takes minutes under TCG: -Dbighost.oneZvolOnly=true for a quick run without it
        boolean wholeHost = !Boolean.getBoolean("bighost.oneZvolOnly");
        FrameMeter.headlessEnglish();

        String instance = System.getProperty("bighost.instance", "big");
        Path state = Path.of(System.getenv().getOrDefault("ZFS_TESTBED_CACHE", "/var/cache/zfs-testbed"), "run", instance);
        Map<String, String> env = env(state.resolve("env"));
        Host host = Host.ssh("root@127.0.0.1", Integer.parseInt(env.get("TESTBED_PORT")), env.get("TESTBED_KEY"), Elevation.NONE);
        ProcessCommandRunner runner = Runners.forHost(host, new CommandJournal(), Testbed.SSH_OPTIONS);
        ZfsService zfs = new ZfsService(runner);
        String counts = guest(runner, "echo $(zfs list -H -o name -t filesystem | wc -l) filesystems,"
                + " $(zfs list -H -o name -t volume | wc -l) zvols; zfs version | head -n 1").strip();
        System.out.println("guest '" + instance + "' (port " + host.port() + "): " + counts.replace('\n', ';'));

        List<Snapshot> one = zfs.snapshots(zvol(3));
        System.out.println("snapshots per zvol: " + one.size());

        // 1. and 2.: ZFS alone in the guest, then through the runner and parser
        String cols = String.join(",", dev.sluice.zfs.ZfsListParser.SNAPSHOT_COLUMNS);
        for (int r = 0; r < rounds; r++) {
            if (wholeHost) {
                String timed = guest(runner, "t=$(date +%s%N); zfs list -Hp -t snapshot -o " + cols + " -s createtxg | wc -lc;"
                        + " echo $(( ($(date +%s%N) - t) / 1000000 )) ms");
                System.out.printf(Locale.ROOT, "in the guest, zfs list -Hp -t snapshot (whole host) | wc: %s [%s]%n",
                        timed.strip().replaceAll("\\s+", " "), load(runner));
            }
            String z = guest(runner, "t=$(date +%s%N); zfs list -Hp -t snapshot -o " + cols + " -s createtxg -d 1 "
                    + ShellQuote.quote(zvol(11 + r)) + " | wc -l; echo $(( ($(date +%s%N) - t) / 1000000 )) ms");
            System.out.printf(Locale.ROOT, "in the guest, zfs list -Hp -t snapshot -d 1 (one zvol): %s [%s]%n",
                    z.strip().replaceAll("\\s+", " "), load(runner));
            long t0 = System.nanoTime();
            if (!wholeHost) {
                continue;
            }
            try {
                int n = zfs.allSnapshots().size();
                System.out.printf(Locale.ROOT, "ZfsService.allSnapshots() over SSH (list, transfer, parse): %d snapshots in %.0f ms [%s]%n",
                        n, (System.nanoTime() - t0) / 1e6, load(runner));
            } catch (dev.sluice.host.CommandException | dev.sluice.zfs.ZfsException e) {
                System.out.printf(Locale.ROOT, "ZfsService.allSnapshots() over SSH FAILED after %.0f ms: %s%n",
                        (System.nanoTime() - t0) / 1e6, e.getMessage());
            }
        }

        // 3.-5.: the view
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        FrameMeter meter = new FrameMeter();
        FrameMeter.onFx(meter::start);
        Scene scene = FrameMeter.onFx(() -> {
            view = new SnapshotTimelineView(zfs, TaskExecutor.pooled(Platform::runLater), ZvolUsage.NONE);
            Scene s = new Scene(view.root(), 1400, 900);
            Stage stage = new Stage();
            stage.setScene(s);
            stage.show();
            view.shown();
            return s;
        });
        SnapshotTimelineViewModel vm = view.viewModel();
        long end = System.nanoTime() + LIMIT.toNanos();
        while (FrameMeter.onFx(() -> vm.datasets().isEmpty() && vm.loadErrorProperty().get() == null) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        System.out.println("chooser: " + FrameMeter.onFx(() -> vm.datasets().size()) + " datasets; error: "
                + FrameMeter.onFx(() -> vm.loadErrorProperty().get()));
        @SuppressWarnings("unchecked")
        TableView<Snapshot> table = (TableView<Snapshot>) scene.getRoot().lookup(".table-view");
        FrameMeter.painted(scene, () -> vm.show(List.of(zvol(0))), () -> loaded(vm, table), LIMIT); // warm-up
        for (int r = 0; r < rounds; r++) {
            for (int z : new int[] {1017 + r, 555 + r}) {
                FrameMeter.onFx(meter::reset);
                double ms = FrameMeter.painted(scene, () -> vm.show(List.of(zvol(z))), () -> loaded(vm, table), LIMIT);
                report("one zvol (" + vm.snapshots().size() + " snapshots): show -> first frame with timeline and list", ms, meter, runner);
            }
            if (!wholeHost) {
                continue;
            }
            FrameMeter.onFx(meter::reset);
            double whole = FrameMeter.painted(scene, vm::showHost, () -> loaded(vm, table), LIMIT);
            report("whole host (" + vm.snapshots().size() + " snapshots, " + vm.shownProperty().get().size()
                    + " lanes): show -> first frame", whole, meter, runner);
            refresh(runner, meter, scene, vm, table, "whole host", zvol(42));
        }
        for (int r = 0; r < rounds; r++) {
            FrameMeter.painted(scene, () -> vm.show(List.of(zvol(42))), () -> loaded(vm, table), LIMIT);
            refresh(runner, meter, scene, vm, table, "one zvol", zvol(42));
        }
        runner.close();
        Platform.exit();
        System.exit(0);
    }

    private static void refresh(CommandRunner runner, FrameMeter meter, Scene scene, SnapshotTimelineViewModel vm,
                                TableView<Snapshot> table, String what, String zvol) throws Exception {
        int n = FrameMeter.onFx(() -> vm.snapshots().size());
        if (n == 0) {
            System.out.println("refresh, " + what + ": skipped, nothing is shown");
            return;
        }
        String middle = FrameMeter.onFx(() -> vm.snapshots().get(n / 2).name());
        FrameMeter.painted(scene, () -> vm.selectedNameProperty().set(middle), () -> FrameMeter.firstVisible(table) >= 0
                && table.getSelectionModel().getSelectedItem() != null, LIMIT);
        int before = FrameMeter.onFx(() -> FrameMeter.firstVisible(table));
        String added = zvol + "@sluice-bench-" + System.currentTimeMillis();
        long t0 = System.nanoTime();
        runner.run(Command.of("zfs", "snapshot", added).withTimeout(LIMIT));
        double made = (System.nanoTime() - t0) / 1e6;
        FrameMeter.onFx(meter::reset);
        double ms = FrameMeter.painted(scene, view::refresh, () -> !vm.loadingProperty().get() && (vm.loadErrorProperty().get() != null
                || vm.snapshots().size() == n + 1 && vm.snapshots().stream().anyMatch(s -> s.name().equals(added))), LIMIT);
        int after = FrameMeter.onFx(() -> FrameMeter.firstVisible(table));
        boolean kept = FrameMeter.onFx(() -> middle.equals(vm.selectedNameProperty().get())
                && table.getSelectionModel().getSelectedItem() != null
                && middle.equals(table.getSelectionModel().getSelectedItem().name()));
        report("refresh after one new snapshot (zfs snapshot in the guest took " + Math.round(made) + " ms), " + what
                + " (" + n + " rows): refresh -> frame showing it", ms, meter, runner);
        System.out.printf(Locale.ROOT, "    selection kept: %s; first visible row %d -> %d%n", kept, before, after);
    }

    /** The listing arrived and both parts show it, or it failed (then {@link #report} prints the error). */
    private static boolean loaded(SnapshotTimelineViewModel vm, TableView<Snapshot> table) {
        if (!vm.loadingProperty().get() && vm.loadErrorProperty().get() != null) {
            return true;
        }
        return !vm.loadingProperty().get() && !vm.snapshots().isEmpty()
                && vm.timelineProperty().get().total() == vm.snapshots().size()
                && table.lookupAll(".table-row-cell").stream().anyMatch(c -> ((TableRow<?>) c).getItem() != null);
    }

    /** build-bighost.sh's names: zvol i is disk {@code i / 200} of guest {@code i % 200}. */
    private static String zvol(int i) {
        return String.format(Locale.ROOT, "tank/guests/vm %03d:zone/disk-%d", i % 200, i / 200);
    }

    private static void report(String what, double ms, FrameMeter meter, CommandRunner runner) throws Exception {
        String error = FrameMeter.onFx(() -> view.viewModel().loadErrorProperty().get());
        System.out.printf(Locale.ROOT, "%s: %.0f ms; %s [%s]%s%n", what, ms, FrameMeter.onFx(meter::summary), load(runner),
                error == null ? "" : "\n    FAILED, the view shows: " + error);
        meter.printProfile();
    }

    /** Load averages (1, 5, 15 min) of this machine and of the guest. */
    private static String load(CommandRunner runner) throws Exception {
        return "load here " + firstThree(Files.readString(Path.of("/proc/loadavg")))
                + ", guest " + firstThree(guest(runner, "cat /proc/loadavg"));
    }

    private static String firstThree(String loadavg) {
        return String.join(" ", List.of(loadavg.split(" ")).subList(0, 3));
    }

    private static String guest(CommandRunner runner, String script) throws Exception {
        return runner.run(Command.of("sh", "-c", script).withTimeout(LIMIT)).stdout();
    }

    private static Map<String, String> env(Path file) throws Exception {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: boot the big host first (src/test/testbed/start-bighost.sh)");
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return env;
    }
}
