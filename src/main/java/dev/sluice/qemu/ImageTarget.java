package dev.sluice.qemu;

import dev.sluice.host.Command;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The file a new image (create, convert, export) goes to, written so that no existing file is ever
 * overwritten and no symlink ever followed — also when qemu-img runs as root over SSH in a folder
 * other users can write to.
 *
 * <p>qemu-img opens its target with {@code O_CREAT|O_TRUNC}, following symlinks: pointed at
 * {@code <folder>/<name>} it would truncate an image of that name, and as root write through a
 * link someone planted under the name into any file on the host. An lstat check beforehand alone
 * does not help: the name can be planted between the check and the open. So:
 * <ol>
 *   <li>{@code mkdir -m 0700 <folder>/.sluice-new-<random>}: mkdir is atomic, fails if anything
 *       has that name and never follows a symlink. The stage directory is ours; nobody else can
 *       create anything in it, so qemu-img's open there cannot be redirected.</li>
 *   <li>qemu-img writes {@code <stage>/<name>}.</li>
 *   <li>{@code ln -T <stage>/<name> <folder>/<name>}: link(2) is the moment of publication. It
 *       fails with "File exists" whatever has the name (file, directory, dangling symlink) and
 *       never follows a symlink there. {@code -T}: a directory under the name is never entered.
 *       Only when the user explicitly chose to replace that file: {@code mv -f -T}, rename(2),
 *       which swaps the directory entry atomically (a symlink itself, never what it points at).</li>
 *   <li>{@code rm -f <stage>/<name>}, {@code rmdir <stage>}: only what step 1 and 2 made.</li>
 * </ol>
 * The stage's name is drawn here, so every command can be shown before anything runs. Before
 * all this an lstat ({@code stat} without {@code -L}) turns a taken name into a clear message
 * instead of a finished copy that cannot be published.
 */
public record ImageTarget(String folder, String name, boolean replace, String stage) {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String STAGE_PREFIX = ".sluice-new-";

    public ImageTarget {
        folder = folder.replaceAll("/+$", "");
        if (!folder.startsWith("/")) {
            throw new IllegalArgumentException("An image folder must be an absolute path: " + folder);
        }
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("An image file name must not be empty nor contain '/': " + name);
        }
    }

    /** A new file {@code name} in {@code folder}; {@code replace}: the user chose to replace an existing file of that name. */
    public static ImageTarget in(String folder, String name, boolean replace) {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return new ImageTarget(folder, name, replace, STAGE_PREFIX + HexFormat.of().formatHex(b));
    }

    /** For a full path: a new file that must not exist yet. */
    public static ImageTarget at(String path) {
        int slash = path.lastIndexOf('/');
        return in(slash == 0 ? "/" : path.substring(0, slash), path.substring(slash + 1), false);
    }

    /** The image's final path. */
    public String path() {
        return (folder.equals("/") ? "" : folder) + "/" + name;
    }

    public String stageDir() {
        return (folder.equals("/") ? "" : folder) + "/" + stage;
    }

    /** Where qemu-img writes. */
    public String stagedPath() {
        return stageDir() + "/" + name;
    }

    /** lstat: exit 1 "No such file or directory" when the name is free; else the kind of what is there. */
    public Command lstatCommand() {
        return Command.of("stat", "-c", "%F", "--", path());
    }

    public Command prepareCommand() {
        return Command.of("mkdir", "-m", "0700", "--", stageDir());
    }

    public Command publishCommand() {
        return replace ? Command.of("mv", "-f", "-T", "--", stagedPath(), path()) : Command.of("ln", "-T", "--", stagedPath(), path());
    }

    /** After publishing, or after a failure: only what this target made. */
    public List<Command> cleanupCommands() {
        return List.of(Command.of("rm", "-f", "--", stagedPath()), Command.of("rmdir", "--", stageDir()));
    }

    /** Every command around {@code write} (the qemu-img that writes {@link #stagedPath}), in order, for the plan. */
    public List<Command> around(Command write) {
        List<Command> all = new java.util.ArrayList<>(List.of(prepareCommand(), write, publishCommand()));
        all.addAll(cleanupCommands());
        return all.stream().map(c -> write.needsRoot() && !c.needsRoot() ? c.asRoot() : c).toList();
    }
}
