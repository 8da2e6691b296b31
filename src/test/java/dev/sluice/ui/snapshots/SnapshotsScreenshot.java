package dev.sluice.ui.snapshots;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Screenshots of the view for the README, with a realistic scripted host: a VM disk with sanoid-style
 * snapshots over five months (monthly, weekly, daily, hourly) plus a few manual ones, one held, one cloned.
 * Run under Xvfb: {@code xvfb-run -a ./mvnw -q test-compile exec:java
 * -Dexec.mainClass=dev.sluice.ui.snapshots.SnapshotsScreenshot -Dexec.args=target/screens}.
 */
public final class SnapshotsScreenshot {

    static final String DS = "rpool/vboxzones/web01-disk0";
    static final long NOW = Instant.parse("2026-11-21T10:05:00Z").getEpochSecond();

    private SnapshotsScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        String out = args.length > 0 ? args[0] : "target/screens";
        new File(out).mkdirs();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                shoot(out, done);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(300, TimeUnit.SECONDS);
        Runtime.getRuntime().halt(0); // the FX toolkit under Xvfb may linger in shutdown

    }

    static String snapshotLines() {
        Random r = new Random(11);
        List<long[]> times = new ArrayList<>();
        List<String> names = new ArrayList<>();
        java.util.function.BiConsumer<Long, String> add = (t, n) -> {
            times.add(new long[] {t});
            names.add(n);
        };
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss").withZone(ZoneOffset.UTC);
        long day = 86400;
        long start = NOW - 150 * day;
        for (long t = start - start % (30 * day); t < NOW; t += 30 * day) {
            add.accept(t, "autosnap_" + f.format(Instant.ofEpochSecond(t)) + "_monthly");
        }
        for (long t = NOW - 70 * day - (NOW % (7 * day)); t < NOW; t += 7 * day) {
            add.accept(t + 60, "autosnap_" + f.format(Instant.ofEpochSecond(t + 60)) + "_weekly");
        }
        for (long t = NOW - 45 * day - NOW % day; t < NOW; t += day) {
            add.accept(t + 120, "autosnap_" + f.format(Instant.ofEpochSecond(t + 120)) + "_daily");
        }
        for (long t = NOW - 3 * day - NOW % 3600; t < NOW; t += 3600) {
            add.accept(t, "autosnap_" + f.format(Instant.ofEpochSecond(t)) + "_hourly");
        }
        add.accept(NOW - 52 * day + 5400, "before-kernel-6.1-upgrade");
        add.accept(NOW - 19 * day + 51300, "sluice-20261102-141500");
        add.accept(NOW - 6 * day + 33000, "before-php-8.3");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(times.get(a)[0], times.get(b)[0]));
        StringBuilder sb = new StringBuilder();
        long txg = 1000;
        long referenced = 18L * 1024 * 1024 * 1024;
        for (int i : order) {
            long written = (long) (r.nextDouble() * r.nextDouble() * 900 * 1024 * 1024);
            referenced += written / 3;
            long used = (long) (written * r.nextDouble() * 0.6);
            String name = names.get(i);
            String clones = name.equals("before-kernel-6.1-upgrade") ? "rpool/vboxzones/web01-kernel-test" : "-";
            int holds = name.equals("before-php-8.3") ? 1 : 0;
            txg += 200 + r.nextInt(3000);
            sb.append(DS).append('@').append(name).append('\t').append(Math.abs(r.nextLong())).append('\t').append(txg)
                    .append('\t').append(times.get(i)[0]).append('\t').append(used).append('\t').append(referenced)
                    .append('\t').append(written).append('\t').append(clones).append('\t').append(holds).append('\n');
        }
        return sb.toString();
    }

    static ScriptedRunner host() throws Exception {
        ScriptedRunner r = new ScriptedRunner();
        String datasets = SnapshotHost.fixture("list-datasets")
                .replace("rpool/vboxzones/myclone", "rpool/vboxzones/web01-kernel-test")
                .replace("rpool/vboxzones/myvbox@third", DS + "@before-kernel-6.1-upgrade")
                .replace("rpool/vboxzones/myvbox", DS)
                .replace("67108864", "34359738368")
                .replace("85254144\t856707072\t8495104", "27917287424\t412316860416\t23622320128");
        String snaps = snapshotLines();
        r.on("zfs", "version").stdout(SnapshotHost.fixture("zfs-version"));
        r.on(SnapshotHost.argv(ZfsCommands.datasets(null))).stdout(datasets);
        r.on(SnapshotHost.argv(ZfsCommands.snapshots(DS))).stdout(snaps);
        r.on(SnapshotHost.argv(ZfsCommands.bookmarks(DS))).stdout("");
        r.on(SnapshotHost.argv(ZfsCommands.snapshots(null))).stdout(snaps);
        r.when(a -> a.size() == 6 && a.get(1).equals("list") && a.get(5).equals(DS))
                .stdout(datasets.lines().filter(l -> l.startsWith(DS + "\t")).findFirst().orElseThrow() + "\n");
        r.when(a -> a.size() == 6 && a.get(1).equals("list") && a.get(5).endsWith("/sluice-guards"))
                .fail(1, SnapshotHost.fixture("list-guards-missing").replace("rpool/sluice-guards", "rpool/sluice-guards"));
        r.onPrefix("zfs", "holds").answer(c -> new ScriptedRunner.Answer(0, c.argv().get(c.argv().size() - 1)
                + "\tkeep-until-php-verified\t" + (NOW - 6 * 86400 + 33100) + "\n", "", List.of(), null));
        return r;
    }

    private static void shoot(String out, CompletableFuture<Void> done) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        SnapshotTimelineView view = new SnapshotTimelineView(new ZfsService(host()), TaskExecutor.direct(), ZvolUsage.NONE,
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        Stage stage = new Stage();
        stage.setTitle("Sluice — Snapshots");
        stage.setScene(new Scene(view.root(), 1360, 860));
        stage.show();
        view.shown();
        SnapshotTimelineViewModel vm = view.viewModel();
        vm.chosenProperty().set(vm.datasets().stream().filter(d -> d.name().equals(DS)).findFirst().orElseThrow());
        String selected = vm.snapshots().stream().filter(s -> s.shortName().equals("before-php-8.3")).findFirst().orElseThrow().name();
        vm.selectedNameProperty().set(selected);
        PauseTransition settle = new PauseTransition(Duration.millis(800));
        settle.setOnFinished(e -> {
            try {
                write(stage.getScene(), out + "/snapshots.png");
                PauseTransition dialogShot = new PauseTransition(Duration.millis(1200));
                dialogShot.setOnFinished(x -> {
                    try {
                        for (Window w : Window.getWindows()) {
                            DialogPane pane = w == stage || w.getScene() == null ? null
                                    : (DialogPane) w.getScene().getRoot().lookup(".dialog-pane");
                            if (pane != null) {
                                write(w.getScene(), out + "/snapshots-rollback.png");
                                ((Button) pane.lookupButton(ButtonType.CANCEL)).fire();
                            }
                        }
                        // after the dialog's nested event loop has returned
                        Platform.runLater(() -> done.complete(null));
                    } catch (Exception ex) {
                        done.completeExceptionally(ex);
                    }
                });
                dialogShot.play();
                // shows the safety dialog (nested loop) until the shot above cancels it; not from inside an animation
                Platform.runLater(vm::rollbackSelected);
            } catch (Exception ex) {
                done.completeExceptionally(ex);
            }
        });
        settle.play();
    }

    private static void write(Scene scene, String file) throws Exception {
        ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", new File(file));
        System.out.println("wrote " + file);
    }
}
