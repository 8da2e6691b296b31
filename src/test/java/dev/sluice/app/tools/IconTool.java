package dev.sluice.app.tools;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;
import javafx.scene.shape.SVGPath;
import javafx.scene.transform.Scale;
import javax.imageio.ImageIO;

/**
 * Draws the Sluice icon (a sluice gate raised over flowing water) once, as data, and writes it
 * both as assets/icon/sluice.svg and as the PNGs the window uses, so they cannot drift apart.
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=dev.sluice.app.tools.IconTool}
 */
public final class IconTool {
    private record Layer(String path, String fill, String fill2, double opacity) {
    }

    static final List<Layer> LAYERS = List.of(
            new Layer("M56 0H200A56 56 0 0 1 256 56V200A56 56 0 0 1 200 256H56A56 56 0 0 1 0 200V56A56 56 0 0 1 56 0Z", "#2E8BE6", "#0B4A9E", 1),
            new Layer("M16 168Q36 154 56 168T96 168T136 168T176 168T216 168T256 168V184Q236 198 216 184T176 184T136 184T96 184T56 184T16 184Z", "#BBDEFB", null, 0.95),
            new Layer("M20 204Q40 190 60 204T100 204T140 204T180 204T220 204V220Q200 234 180 220T140 220T100 220T60 220T20 220Z", "#64B5F6", null, 1),
            new Layer("M40 44H76V224H40Z", "#F5F9FF", null, 1),
            new Layer("M180 44H216V224H180Z", "#F5F9FF", null, 1),
            new Layer("M34 28H222A8 8 0 0 1 230 36V50A8 8 0 0 1 222 58H34A8 8 0 0 1 26 50V36A8 8 0 0 1 34 28Z", "#FFFFFF", null, 1),
            new Layer("M84 70H172V142H84Z", "#FFC107", null, 1),
            new Layer("M84 92H172V98H84ZM84 116H172V122H84Z", "#F59E0B", null, 1),
            new Layer("M122 58H134V70H122Z", "#FFFFFF", null, 1));

    private IconTool() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(repo.resolve("assets/icon"));
        Files.writeString(repo.resolve("assets/icon/sluice.svg"), svg());
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Path res = repo.resolve("src/main/resources/dev/sluice/app/icon");
        Files.createDirectories(res);
        for (int size : new int[] {16, 32, 64, 128, 256}) {
            write(render(size), res.resolve("sluice-" + size + ".png").toFile());
        }
        write(render(256), repo.resolve("assets/icon/sluice-256.png").toFile());
        Platform.exit();
    }

    static String svg() {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\n");
        sb.append("  <title>Sluice</title>\n  <defs>\n    <linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">\n");
        sb.append("      <stop offset=\"0\" stop-color=\"").append(LAYERS.get(0).fill()).append("\"/>\n");
        sb.append("      <stop offset=\"1\" stop-color=\"").append(LAYERS.get(0).fill2()).append("\"/>\n    </linearGradient>\n  </defs>\n");
        for (Layer l : LAYERS) {
            sb.append("  <path d=\"").append(l.path()).append("\" fill=\"").append(l.fill2() != null ? "url(#bg)" : l.fill()).append('"');
            if (l.opacity() < 1) {
                sb.append(" fill-opacity=\"").append(l.opacity()).append('"');
            }
            sb.append("/>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static BufferedImage render(int size) throws Exception {
        BufferedImage[] out = new BufferedImage[1];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            Group g = new Group();
            for (Layer l : LAYERS) {
                SVGPath p = new SVGPath();
                p.setContent(l.path());
                Paint fill = l.fill2() == null ? Color.web(l.fill(), l.opacity())
                        : new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE, new Stop(0, Color.web(l.fill())), new Stop(1, Color.web(l.fill2())));
                p.setFill(fill);
                g.getChildren().add(p);
            }
            g.getTransforms().add(new Scale(size / 256.0, size / 256.0));
            SnapshotParameters sp = new SnapshotParameters();
            sp.setFill(Color.TRANSPARENT);
            sp.setViewport(new javafx.geometry.Rectangle2D(0, 0, size, size));
            WritableImage img = g.snapshot(sp, new WritableImage(size, size));
            out[0] = SwingFXUtils.fromFXImage(img, null);
            done.countDown();
        });
        done.await();
        return out[0];
    }

    private static void write(BufferedImage img, File f) throws Exception {
        ImageIO.write(img, "png", f);
    }
}
