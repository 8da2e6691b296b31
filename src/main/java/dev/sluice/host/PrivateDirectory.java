package dev.sluice.host;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

/**
 * A directory that only its owner can enter: the home of ssh's ControlMaster sockets (on this
 * machine) and of QEMU's QMP sockets and pidfiles (on the VM's host). Whoever can open such a
 * socket runs commands as us or drives our VM, and whoever can plant a file there can point a
 * pidfile at a stranger's process. So the directory is created 0700, and an existing one is used
 * only if it is a real directory (not a symlink, checked with lstat), owned by the expected user,
 * with mode 0700. One rule, two ways to read the facts: NIO here, {@code stat} through a runner
 * there.
 */
public final class PrivateDirectory {
    public enum Kind { DIRECTORY, SYMLINK, OTHER }

    /** What lstat says about a path. {@code mode}: the permission bits. */
    public record Facts(Kind kind, int ownerUid, int mode) {
    }

    private PrivateDirectory() {
    }

    /** Null when {@code f} describes a private directory of {@code uid}; else what is wrong and what to do. */
    public static String problem(String path, Facts f, int uid) {
        if (f.kind() == Kind.SYMLINK) {
            return path + " is a symbolic link, which could point anywhere. Remove it (rm " + path + ") and try again.";
        }
        if (f.kind() != Kind.DIRECTORY) {
            return path + " is not a directory. Remove or rename it and try again.";
        }
        if (f.ownerUid() != uid) {
            return path + " belongs to user id " + f.ownerUid() + ", not to user id " + uid
                    + "; its owner could reach the sockets in it. Remove it (as root) and try again.";
        }
        if ((f.mode() & 07777) != 0700) {
            return path + " has mode " + Integer.toOctalString(f.mode() & 07777)
                    + "; other users could reach the sockets in it. Run chmod 700 " + path + " and try again.";
        }
        return null;
    }

    // ---------------------------------------------------------------- this machine

    /** Creates {@code p} 0700 (its parent must exist), or checks the one there; null when usable. */
    static String ensureLocal(Path p, int uid) {
        try {
            Files.createDirectory(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            // checked below
        } catch (IOException | UnsupportedOperationException e) {
            return "cannot create " + p + ": " + e.getMessage();
        }
        try {
            return problem(p.toString(), localFacts(p), uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "cannot read " + p + ": " + e.getMessage();
        }
    }

    static Facts localFacts(Path p) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission perm : a.permissions()) {
            mode |= 1 << (8 - perm.ordinal()); // OWNER_READ is ordinal 0 = 0400
        }
        Kind kind = a.isSymbolicLink() ? Kind.SYMLINK : a.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
        return new Facts(kind, owner, mode);
    }

    // ---------------------------------------------------------------- a host, through its runner

    /** {@code mkdir} makes one level and never follows a symlink in the last component. */
    public static Command mkdirCommand(String path) {
        return Command.of("mkdir", "-m", "0700", "--", path);
    }

    /** Without {@code -L}: the facts of the path itself (lstat), not of what a symlink points at. */
    public static Command statCommand(String path) {
        return Command.of("stat", "-c", "%F|%u|%a", "--", path);
    }

    static Facts parseStat(String path, String out) {
        String[] f = out.strip().split("\\|");
        if (f.length != 3) {
            throw new IllegalArgumentException("unexpected stat output for " + path + ": " + out.strip());
        }
        Kind kind = switch (f[0]) {
            case "directory" -> Kind.DIRECTORY;
            case "symbolic link" -> Kind.SYMLINK;
            default -> Kind.OTHER;
        };
        return new Facts(kind, Integer.parseInt(f[1]), Integer.parseInt(f[2], 8));
    }

    /**
     * Creates each of {@code dirs} (parents first) 0700 on the runner's host and checks it; null when
     * all are private to {@code uid}, else the first problem.
     */
    public static String ensure(CommandRunner runner, List<String> dirs, int uid) throws CommandException {
        for (String d : dirs) {
            runner.runAllowingFailure(mkdirCommand(d)); // "File exists" is fine: the check decides
            CommandResult r = runner.runAllowingFailure(statCommand(d));
            if (!r.ok()) {
                return "cannot create " + d + ": " + r.stderr().strip();
            }
            String problem = problem(d, parseStat(d, r.stdout()), uid);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
