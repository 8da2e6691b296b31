package dev.sluice.bench;

import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.snapshots.SnapshotSort;
import dev.sluice.ui.snapshots.SnapshotTimelineView;
import dev.sluice.ui.snapshots.SnapshotTimelineViewModel;
import dev.sluice.ui.snapshots.ZvolUsage;
import dev.sluice.ui.volumes.DatasetRow;
import dev.sluice.ui.volumes.VolumesView;
import dev.sluice.ui.volumes.VolumesViewModel;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsListParser;
import dev.sluice.zfs.ZfsService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javax.management.ObjectName;

/**
 * Issue #18 on a generated big host ({@link BigHost}: 1,000,000 snapshots over 2,000 zvols, 200 filesystems),
 * headless (Monocle, software rendering), through the real views, ViewModels, {@code ZfsService} and parser,
 * with background work on the app's pooled executor:
 * <ol>
 *   <li>parsing the host's 1,000,000 {@code zfs list -Hp -t snapshot} lines (wall and parsing-thread CPU);</li>
 *   <li>Snapshots view: from {@code show} to the first rendered frame with the timeline and the list filled,
 *       for a typical zvol, the 100,000-snapshot zvol and the whole host; the worst frame gap meanwhile;</li>
 *   <li>refresh after one new snapshot (whole host, then one zvol): time to the frame that shows it, worst
 *       frame gap, and whether the selection and the list's scroll position survived;</li>
 *   <li>Volumes view: sort, filter, select, and the properties panel, each to its rendered frame;</li>
 *   <li>used heap after a full GC with all of that loaded, and the top of the class histogram.</li>
 * </ol>
 * Run: {@code ./mvnw -q -Dsluice.setup.skip=true test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.sluice.bench.ScaleBenchmark}. Figures are in the README's benchmark table.
 */
public final class ScaleBenchmark {

    private static SnapshotTimelineView snapshotsView;
    private static VolumesView volumesView;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FrameMeter.headlessEnglish();
        BigHost host = new BigHost();
        // -Dscale.only=volumes: the Volumes view alone (no million snapshots in this JVM, so shorter G1 pauses)
        boolean volumesOnly = "volumes".equals(System.getProperty("scale.only"));
        if (!volumesOnly) {
            parse(host);
            if (Boolean.getBoolean("sluice.bench.parseOnly")) { // -Dsluice.bench.parseOnly=true: only the parse figures
                System.exit(0);
            }
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        FrameMeter meter = new FrameMeter();
        FrameMeter.onFx(meter::start);
        if (volumesOnly) {
            volumes(host, meter);
        } else {
            snapshots(host, meter);
            if (!Boolean.getBoolean("sluice.bench.snapshotsOnly")) { // -Dsluice.bench.snapshotsOnly=true: parse and Snapshots view
                volumes(host, meter);
            }
            heap(host);
        }
        Platform.exit();
        System.exit(0);
    }

    // ---- 1. parsing ----

    private static void parse(BigHost host) {
        String out = host.allSnapshots();
        System.out.printf(Locale.ROOT, "generated %d snapshot lines, %.1f MB of text%n", BigHost.SNAPSHOTS, out.length() / 1e6);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] wall = new double[8];
        double[] cpu = new double[8];
        for (int round = -3; round < wall.length; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<Snapshot> list = ZfsListParser.snapshots(out);
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            if (list.size() != BigHost.SNAPSHOTS) {
                throw new AssertionError(list.size());
            }
            if (round >= 0) {
                wall[round] = (t1 - t0) / 1e6;
                cpu[round] = (c1 - c0) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "parse 1,000,000 lines: wall median %.0f ms (min %.0f, max %.0f); parsing thread CPU median %.0f ms%n",
                median(wall), min(wall), max(wall), median(cpu));
    }

    // ---- 2./3. snapshots view ----

    private static void snapshots(BigHost host, FrameMeter meter) throws Exception {
        String typical = host.zvols.get(1);
        host.snapshotsOf(typical);
        host.snapshotsOf(host.heavy);
        host.allSnapshots(); // the fake host answers at once: the figures are Sluice's
        Scene scene = FrameMeter.onFx(() -> {
            snapshotsView = new SnapshotTimelineView(new ZfsService(host), TaskExecutor.pooled(Platform::runLater), ZvolUsage.NONE);
            Scene s = new Scene(snapshotsView.root(), 1400, 900);
            Stage stage = new Stage();
            stage.setScene(s);
            stage.show();
            snapshotsView.shown();
            return s;
        });
        SnapshotTimelineViewModel vm = snapshotsView.viewModel();
        waitFor(() -> vm.datasets().size() == BigHost.FILESYSTEMS + BigHost.ZVOLS);
        @SuppressWarnings("unchecked")
        TableView<Snapshot> table = (TableView<Snapshot>) scene.getRoot().lookup(".table-view");

        // warm-up: class loading and JIT on the way, with a typical zvol and the heavy one
        for (String ds : List.of(typical, host.heavy, typical)) {
            FrameMeter.painted(scene, () -> vm.show(List.of(ds)), () -> loaded(vm, table));
        }
        System.out.printf(Locale.ROOT, "    (rows %.1f px high, fixed: %s)%n", FrameMeter.onFx(() -> ((TableRow<?>) table.lookup(".table-row-cell")).getHeight()),
                FrameMeter.onFx(() -> table.getFixedCellSize() > 0));
        for (String[] c : new String[][] {{"typical zvol (" + host.snapshotsOf(typical).lines().count() + " snapshots)", typical},
                {"zvol with 100,000 snapshots", host.heavy}}) {
            FrameMeter.onFx(meter::reset);
            long cpu = fxCpu();
            double ms = FrameMeter.painted(scene, () -> vm.show(List.of(c[1])), () -> loaded(vm, table));
            report("snapshots view, " + c[0] + ": show -> first frame with timeline and list", ms, meter);
            reportFxCpu(cpu);
        }
        FrameMeter.onFx(meter::reset);
        long cpu = fxCpu();
        double whole = FrameMeter.painted(scene, vm::showHost, () -> loaded(vm, table));
        report("snapshots view, whole host (1,000,000 snapshots, " + vm.shownProperty().get().size() + " lanes): show -> first frame",
                whole, meter);
        reportFxCpu(cpu);
        sortByHeader(scene, meter, vm, table);

        System.out.println("    (refreshing)");
        refresh(host, meter, scene, vm, table, "whole host");
        refresh(host, meter, scene, vm, table, "whole host, again");
        System.out.println("    (heavy zvol again)");
        FrameMeter.painted(scene, () -> vm.show(List.of(host.heavy)), () -> loaded(vm, table));
        System.out.println("    (refreshing it)");
        refresh(host, meter, scene, vm, table, "zvol with 100,000 snapshots");
        // leave the whole host loaded for the heap figure
        FrameMeter.painted(scene, vm::showHost, () -> loaded(vm, table));
    }

    private static void refresh(BigHost host, FrameMeter meter, Scene scene, SnapshotTimelineViewModel vm,
                                TableView<Snapshot> table, String what) throws Exception {
        int n = vm.snapshots().size();
        String middle = vm.snapshots().get(n / 2).name();
        FrameMeter.painted(scene, () -> vm.selectedNameProperty().set(middle), () -> FrameMeter.firstVisible(table) > 0);
        System.out.println("    (selected " + middle + ")");
        int before = FrameMeter.onFx(() -> FrameMeter.firstVisible(table));
        String added = host.addSnapshot(host.heavy);
        FrameMeter.onFx(meter::reset);
        long cpu = fxCpu();
        double ms = FrameMeter.painted(scene, snapshotsView::refresh, () -> vm.snapshots().size() == n + 1);
        int after = FrameMeter.onFx(() -> FrameMeter.firstVisible(table));
        boolean kept = middle.equals(vm.selectedNameProperty().get())
                && table.getSelectionModel().getSelectedItem() != null
                && middle.equals(table.getSelectionModel().getSelectedItem().name());
        boolean there = vm.snapshots().stream().anyMatch(s -> s.name().equals(added));
        report("refresh after one new snapshot, " + what + " (" + n + " rows)", ms, meter);
        reportFxCpu(cpu);
        System.out.printf(Locale.ROOT, "    new snapshot listed: %s; selection kept: %s; first visible row %d -> %d%n",
                there, kept, before, after);
    }

    /** Header clicks on the whole host: by used (largest first), then back to newest first; each to its frame. */
    private static void sortByHeader(Scene scene, FrameMeter meter, SnapshotTimelineViewModel vm, TableView<Snapshot> table)
            throws Exception {
        TableColumn<Snapshot, ?> used = table.getColumns().get(3);
        TableColumn<Snapshot, ?> creation = table.getColumns().get(2);
        for (TableColumn<Snapshot, ?> c : List.of(used, creation)) {
            SnapshotSort.Column column = c == used ? SnapshotSort.Column.USED : SnapshotSort.Column.CREATION;
            Comparator<Snapshot> order = new SnapshotSort(List.of(new SnapshotSort.Key(column, true))).comparator();
            String first = FrameMeter.onFx(() -> Collections.min(vm.snapshots(), order).name());
            FrameMeter.onFx(meter::reset);
            long cpu = fxCpu();
            double ms = FrameMeter.painted(scene, () -> {
                c.setSortType(TableColumn.SortType.DESCENDING);
                table.getSortOrder().setAll(List.of(c));
            }, () -> !table.getItems().isEmpty() && table.getItems().get(0).name().equals(first) && filled(vm, table));
            report("snapshots view, whole host: sort by " + c.getText() + " (header click) -> first frame", ms, meter);
            reportFxCpu(cpu);
        }
    }

    /** CPU the FX thread itself spent (ns so far): its own work, apart from GC pauses and waiting for a core. */
    private static long fxCpu() throws Exception {
        long id = FrameMeter.onFx(() -> Thread.currentThread().threadId());
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(id);
    }

    private static void reportFxCpu(long before) throws Exception {
        System.out.printf(Locale.ROOT, "    FX thread CPU meanwhile: %.0f ms%n", (fxCpu() - before) / 1e6);
    }

    /** The listing asked for has arrived (not the previous one still showing) and both parts show it. */
    private static boolean loaded(SnapshotTimelineViewModel vm, TableView<Snapshot> table) {
        return !vm.loadingProperty().get() && filled(vm, table);
    }

    private static boolean filled(SnapshotTimelineViewModel vm, TableView<Snapshot> table) {
        return !vm.snapshots().isEmpty() && vm.timelineProperty().get().total() == vm.snapshots().size()
                && table.lookupAll(".table-row-cell").stream().anyMatch(n -> ((TableRow<?>) n).getItem() != null);
    }

    // ---- 4. volumes view ----

    private static void volumes(BigHost host, FrameMeter meter) throws Exception {
        VolumesViewModel vm = new VolumesViewModel(new ZfsService(host),
                new ActionRunner(TaskExecutor.pooled(Platform::runLater), new RecordingNotifications()));
        Scene scene = FrameMeter.onFx(() -> {
            volumesView = new VolumesView(vm);
            Scene s = new Scene(volumesView.root(), 1400, 900);
            Stage stage = new Stage();
            stage.setScene(s);
            stage.show();
            return s;
        });
        int all = BigHost.FILESYSTEMS + BigHost.ZVOLS;
        FrameMeter.onFx(meter::reset);
        double load = FrameMeter.painted(scene, vm::refresh, () -> vm.visibleRows().size() == all);
        report("volumes view, " + all + " rows: refresh -> first frame", load, meter);
        @SuppressWarnings("unchecked")
        TreeTableView<DatasetRow> tree = (TreeTableView<DatasetRow>) scene.getRoot().lookup(".tree-table-view");
        TreeTableColumn<DatasetRow, ?> used = tree.getColumns().get(2);
        List<String> zvolNames = List.of(host.zvols.get(17), host.zvols.get(1017), host.zvols.get(555), host.zvols.get(1999),
                host.zvols.get(3), host.zvols.get(808));
        String[] filters = {"disk-7", "vm 1", "zone/disk-3", "rpool/guests/vm 05", "disk-1", "tank"};
        double[] sort = new double[6];
        double[] filter = new double[6];
        double[] select = new double[6];
        double[] props = new double[6];
        // the FX thread's own CPU per operation: on this shared 2-core machine the wall figures include waiting
        // for a core, this part does not
        double[][] cpu = new double[4][6];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long fx = FrameMeter.onFx(() -> Thread.currentThread().threadId());
        FrameMeter.onFx(meter::reset);
        for (int round = -1; round < 6; round++) {
            int i = Math.max(0, round);
            boolean descending = round % 2 == 0;
            long c0 = mx.getThreadCpuTime(fx);
            double s = FrameMeter.painted(scene, () -> {
                used.setSortType(descending ? TreeTableColumn.SortType.DESCENDING : TreeTableColumn.SortType.ASCENDING);
                tree.getSortOrder().setAll(List.of(used));
                tree.sort();
            }, () -> true);
            long c1 = mx.getThreadCpuTime(fx);
            double f = FrameMeter.painted(scene, () -> vm.filterProperty().set(filters[i]), () -> vm.visibleRows().size() < all);
            long c2 = mx.getThreadCpuTime(fx);
            FrameMeter.painted(scene, () -> vm.filterProperty().set(""), () -> vm.visibleRows().size() == all);
            String name = zvolNames.get(i);
            long c3 = mx.getThreadCpuTime(fx);
            double sel = FrameMeter.painted(scene, () -> tree.getSelectionModel().select(find(tree.getRoot(), name)),
                    () -> vm.selectedProperty().get() != null && vm.selectedProperty().get().name().equals(name));
            long c4 = mx.getThreadCpuTime(fx);
            FrameMeter.painted(scene, () -> tree.getSelectionModel().clearSelection(), () -> vm.properties().isEmpty());
            long c5 = mx.getThreadCpuTime(fx);
            double p = FrameMeter.painted(scene, () -> tree.getSelectionModel().select(find(tree.getRoot(), name)),
                    () -> !vm.properties().isEmpty() && propertiesShown(scene));
            long c6 = mx.getThreadCpuTime(fx);
            if (round >= 0) {
                sort[i] = s;
                filter[i] = f;
                select[i] = sel;
                props[i] = p;
                cpu[0][i] = (c1 - c0) / 1e6;
                cpu[1][i] = (c2 - c1) / 1e6;
                cpu[2][i] = (c4 - c3) / 1e6;
                cpu[3][i] = (c6 - c5) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "volumes view, each to its rendered frame (median / max of 6): sort %.0f / %.0f ms, "
                        + "filter %.0f / %.0f ms, select %.0f / %.0f ms, properties panel %.0f / %.0f ms%n",
                median(sort), max(sort), median(filter), max(filter), median(select), max(select), median(props), max(props));
        System.out.printf(Locale.ROOT, "    FX-thread CPU (median / max of 6): sort %.0f / %.0f ms, filter %.0f / %.0f ms, "
                        + "select %.0f / %.0f ms, properties panel %.0f / %.0f ms%n",
                median(cpu[0]), max(cpu[0]), median(cpu[1]), max(cpu[1]), median(cpu[2]), max(cpu[2]), median(cpu[3]), max(cpu[3]));
        System.out.printf(Locale.ROOT, "    over those: %s%n", FrameMeter.onFx(meter::summary));
        meter.printProfile();
    }

    private static boolean propertiesShown(Scene scene) {
        for (Node n : scene.getRoot().lookupAll(".table-row-cell")) {
            if (((TableRow<?>) n).getItem() != null) {
                return true;
            }
        }
        return false;
    }

    private static TreeItem<DatasetRow> find(TreeItem<DatasetRow> item, String name) {
        if (item.getValue() != null && item.getValue().name().equals(name)) {
            return item;
        }
        for (TreeItem<DatasetRow> c : item.getChildren()) {
            TreeItem<DatasetRow> f = find(c, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    // ---- 5. heap ----

    private static void heap(BigHost host) throws Exception {
        host.forget();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        boolean snapshotsOnly = Boolean.getBoolean("sluice.bench.snapshotsOnly");
        System.out.printf(Locale.ROOT, "heap used after full GC, whole host in the Snapshots view%s "
                + "(fake host's outputs dropped): %.0f MB%n",
                snapshotsOnly ? " (no Volumes view)" : " + " + (BigHost.FILESYSTEMS + BigHost.ZVOLS) + " rows in the Volumes view", used / 1e6);
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        histogram.lines().limit(18).forEach(l -> System.out.println("    " + l));
        if (snapshotsView == null || (volumesView == null && !snapshotsOnly)) {
            throw new AssertionError("views collected");
        }
    }

    // ---- helpers ----

    static void report(String what, double ms, FrameMeter meter) throws Exception {
        System.out.printf(Locale.ROOT, "%s: %.0f ms; %s%n", what, ms, FrameMeter.onFx(meter::summary));
        meter.printProfile();
    }

    private static void waitFor(BooleanSupplier on) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!FrameMeter.onFx(on::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
