package dev.sluice.qemu;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.task.ProgressMeter;
import dev.sluice.task.TaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * qemu-img on one host: info, create, resize, convert with progress, and the two zvol moves
 * (an image into a zvol, a zvol out to an image). The zvol itself is made by the ZFS service,
 * sized with {@link #zvolSizeFor}.
 */
public final class QemuImg {
    static final String PROGRAM = "qemu-img";

    private final CommandRunner runner;

    public QemuImg(CommandRunner runner) {
        this.runner = runner;
    }

    // ------------------------------------------------------------------ argv

    /** {@code -U}: read even while a running VM holds the image's lock (info only reads headers). */
    public static Command infoCommand(String path) {
        return Command.of(PROGRAM, "info", "-U", "--output=json", "--backing-chain", path);
    }

    public static Command createCommand(String path, ImageFormat format, long sizeBytes, Preallocation prealloc) {
        List<String> a = new ArrayList<>(List.of(PROGRAM, "create", "-f", format.qemuName()));
        if (prealloc != Preallocation.OFF) {
            a.addAll(List.of("-o", "preallocation=" + prealloc.option()));
        }
        a.add(path);
        a.add(Long.toString(sizeBytes));
        return Command.of(a);
    }

    public static Command resizeCommand(String path, ImageFormat format, long newSizeBytes, boolean allowShrink) {
        List<String> a = new ArrayList<>(List.of(PROGRAM, "resize", "-f", format.qemuName()));
        if (allowShrink) {
            a.add("--shrink");
        }
        a.add(path);
        a.add(Long.toString(newSizeBytes));
        return Command.of(a);
    }

    public static Command convertCommand(String source, String sourceFormat, String target, ImageFormat targetFormat) {
        return Command.of(PROGRAM, "convert", "-p", "-f", sourceFormat, "-O", targetFormat.qemuName(), source, target).untimed();
    }

    /**
     * Onto an existing zvol: {@code -n} (do not create the target), and {@code --target-is-zero}
     * for a fresh zvol, so zero runs are skipped and the zvol stays thin.
     */
    public static Command importCommand(String image, String imageFormat, String zvolDevice, boolean freshZvol) {
        List<String> a = new ArrayList<>(List.of(PROGRAM, "convert", "-p", "-n"));
        if (freshZvol) {
            a.add("--target-is-zero");
        }
        a.addAll(List.of("-f", imageFormat, "-O", "raw", image, zvolDevice));
        return Command.of(a).untimed().asRoot();
    }

    public static Command exportCommand(String zvolDevice, String target, ImageFormat format) {
        return Command.of(PROGRAM, "convert", "-p", "-f", "raw", "-O", format.qemuName(), zvolDevice, target).untimed().asRoot();
    }

    // ------------------------------------------------------------------ operations

    public ImageInfo info(String path) throws QemuImgException, CommandException {
        return ImageInfoParser.parse(run("Reading " + path, path, infoCommand(path)).stdout());
    }

    public void create(String path, ImageFormat format, long sizeBytes, Preallocation prealloc)
            throws QemuImgException, CommandException {
        run("Creating " + path, path, createCommand(path, format, sizeBytes, prealloc).withTimeout(java.time.Duration.ofHours(2)));
    }

    public void resize(String path, long newSizeBytes, boolean allowShrink) throws QemuImgException, CommandException {
        ImageFormat f = info(path).knownFormat().orElseThrow(() -> new QemuImgException.Failed("Resizing " + path,
                "Sluice resizes raw, qcow2, vmdk and vdi images only"));
        run("Resizing " + path, path, resizeCommand(path, f, newSizeBytes, allowShrink));
    }

    /** Converts {@code source} (format from qemu-img info) into a new image, reporting progress. */
    public void convert(String source, String target, ImageFormat targetFormat, TaskContext ctx)
            throws QemuImgException, CommandException {
        ImageInfo in = info(source);
        runWithProgress("Converting " + source, source, convertCommand(source, in.format(), target, targetFormat), in.virtualSize(), ctx);
    }

    /** The size the new zvol needs for {@link #importIntoZvol}: the image's virtual size. */
    public long zvolSizeFor(String image) throws QemuImgException, CommandException {
        return info(image).virtualSize();
    }

    public void importIntoZvol(String image, String zvolDevice, boolean freshZvol, TaskContext ctx)
            throws QemuImgException, CommandException {
        ImageInfo in = info(image);
        runWithProgress("Importing " + image, zvolDevice, importCommand(image, in.format(), zvolDevice, freshZvol), in.virtualSize(), ctx);
    }

    public void exportZvol(String zvolDevice, long volsize, String target, ImageFormat format, TaskContext ctx)
            throws QemuImgException, CommandException {
        runWithProgress("Exporting " + zvolDevice, zvolDevice, exportCommand(zvolDevice, target, format), volsize, ctx);
    }

    // ------------------------------------------------------------------ plumbing

    private dev.sluice.host.CommandResult run(String what, String path, Command c) throws QemuImgException, CommandException {
        try {
            return runner.run(c);
        } catch (CommandException.Failed f) {
            throw QemuImgException.classify(what, path, f.stderr());
        }
    }

    private void runWithProgress(String what, String path, Command c, long totalBytes, TaskContext ctx)
            throws QemuImgException, CommandException {
        ProgressMeter meter = new ProgressMeter();
        OutputListener listener = new OutputListener() {
            @Override
            public void stdoutLine(String line) {
                OptionalDouble pct = ConvertProgress.percent(line);
                if (pct.isPresent()) {
                    long done = (long) (totalBytes * pct.getAsDouble() / 100.0);
                    ctx.progress(meter.update(done, totalBytes, what));
                }
            }
        };
        RunningCommand running = runner.start(c, listener);
        ctx.onCancel(running::cancel);
        try {
            running.await();
        } catch (CommandException.Failed f) {
            throw QemuImgException.classify(what, path, f.stderr());
        }
    }
}
