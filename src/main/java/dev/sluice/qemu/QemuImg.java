package dev.sluice.qemu;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
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

    public void create(String path, ImageFormat format, long sizeBytes, Preallocation prealloc) throws QemuImgException, CommandException {
        create(ImageTarget.at(path), format, sizeBytes, prealloc);
    }

    /** Creates a new image at {@code target}, never over an existing file (see {@link ImageTarget}). */
    public void create(ImageTarget target, ImageFormat format, long sizeBytes, Preallocation prealloc)
            throws QemuImgException, CommandException {
        writeNew("Creating " + target.path(), target.path(), target,
                createCommand(target.stagedPath(), format, sizeBytes, prealloc).withTimeout(java.time.Duration.ofHours(2)), -1, null);
    }

    /** Every command of {@link #create}, in order, for the confirmation. */
    public static List<Command> createCommands(ImageTarget target, ImageFormat format, long sizeBytes, Preallocation prealloc) {
        return target.around(createCommand(target.stagedPath(), format, sizeBytes, prealloc));
    }

    public void resize(String path, long newSizeBytes, boolean allowShrink) throws QemuImgException, CommandException {
        ImageFormat f = info(path).knownFormat().orElseThrow(() -> new QemuImgException.Failed("Resizing " + path,
                "Sluice resizes raw, qcow2, vmdk and vdi images only"));
        run("Resizing " + path, path, resizeCommand(path, f, newSizeBytes, allowShrink));
    }

    /** Converts {@code source} (format from qemu-img info) into a new image, reporting progress. */
    public void convert(String source, String target, ImageFormat targetFormat, TaskContext ctx)
            throws QemuImgException, CommandException {
        convert(source, ImageTarget.at(target), targetFormat, ctx);
    }

    /** Like {@link #convert(String, String, ImageFormat, TaskContext)}, into {@code target} (see {@link ImageTarget}). */
    public void convert(String source, ImageTarget target, ImageFormat targetFormat, TaskContext ctx)
            throws QemuImgException, CommandException {
        ImageInfo in = info(source);
        writeNew("Converting " + source, source, target, convertCommand(source, in.format(), target.stagedPath(), targetFormat), in.virtualSize(), ctx);
    }

    /** Every command of a convert, in order, for the confirmation. */
    public static List<Command> convertCommands(String source, String sourceFormat, ImageTarget target, ImageFormat targetFormat) {
        return target.around(convertCommand(source, sourceFormat, target.stagedPath(), targetFormat));
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
        exportZvol(zvolDevice, volsize, ImageTarget.at(target), format, ctx);
    }

    /** Runs as root (it reads the zvol device), so its target is where {@link ImageTarget} matters most. */
    public void exportZvol(String zvolDevice, long volsize, ImageTarget target, ImageFormat format, TaskContext ctx)
            throws QemuImgException, CommandException {
        writeNew("Exporting " + zvolDevice, zvolDevice, target, exportCommand(zvolDevice, target.stagedPath(), format), volsize, ctx);
    }

    /** Every command of an export, in order, for the confirmation. */
    public static List<Command> exportCommands(String zvolDevice, ImageTarget target, ImageFormat format) {
        return target.around(exportCommand(zvolDevice, target.stagedPath(), format));
    }

    // ------------------------------------------------------------------ a new file, exclusively

    /**
     * lstat the name, make the stage, let {@code write} fill it, publish exclusively (or replace the
     * file the user named), clean the stage. A failure or cancel before publishing removes only the stage.
     */
    private void writeNew(String what, String errorPath, ImageTarget t, Command write, long totalBytes, TaskContext ctx)
            throws QemuImgException, CommandException {
        boolean root = write.needsRoot();
        if (!t.replace()) {
            String taken = whatIsAt(t, root);
            if (taken != null) {
                throw new QemuImgException.TargetExists(t.path(), taken);
            }
        }
        run("Preparing " + t.path(), t.folder(), as(root, t.prepareCommand()));
        try {
            if (ctx == null) {
                run(what, errorPath, write);
            } else {
                runWithProgress(what, errorPath, write, totalBytes, ctx);
            }
        } catch (QemuImgException | CommandException | RuntimeException e) {
            cleanUp(t, root);
            throw e;
        }
        CommandResult published = runner.runAllowingFailure(as(root, t.publishCommand()));
        if (!published.ok()) {
            if (published.stderr().contains("File exists")) {
                String taken = whatIsAt(t, root);
                throw new QemuImgException.TargetExists(t.path(), taken == null ? "a file" : taken, t.stagedPath());
            }
            throw QemuImgException.classify("Saving " + t.path(), t.path(), published.stderr()); // the image stays in the stage
        }
        cleanUp(t, root);
    }

    /** What lstat finds under the target's name ("symbolic link", "regular file", ...), or null when it is free. */
    private String whatIsAt(ImageTarget t, boolean root) throws CommandException {
        CommandResult r = runner.runAllowingFailure(as(root, t.lstatCommand()));
        if (r.ok()) {
            String kind = r.stdout().strip();
            return kind.startsWith("regular") ? "a file" : kind.isEmpty() ? "something" : "a " + kind;
        }
        if (r.stderr().contains("No such file or directory")) {
            return null;
        }
        throw new CommandException.Failed(r);
    }

    private void cleanUp(ImageTarget t, boolean root) {
        for (Command c : t.cleanupCommands()) {
            try {
                runner.runAllowingFailure(as(root, c));
            } catch (CommandException ignored) {
                // a stage left behind holds only our own partial copy; the failure itself is what the user needs to see
            }
        }
    }

    private static Command as(boolean root, Command c) {
        return root ? c.asRoot() : c;
    }

    // ------------------------------------------------------------------ plumbing

    private CommandResult run(String what, String path, Command c) throws QemuImgException, CommandException {
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
