package dev.sluice.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The private directory (mode 0700, ours) that holds ssh's ControlMaster sockets. Anyone who can
 * open such a socket runs commands as us on the host, so a directory someone else owns or can read
 * is never used. Unix socket paths are limited to about 100 bytes: the path is kept short.
 */
final class ControlDirectory {
    private static final Set<PosixFilePermission> PRIVATE = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    /** Room left for "/<8 hex>-<40 hex of %C>" within the ~104-byte sun_path. */
    private static final int MAX_DIR_LENGTH = 50;
    private static volatile Path dir;

    private ControlDirectory() {
    }

    static Path get() {
        Path d = dir;
        if (d == null) {
            synchronized (ControlDirectory.class) {
                if (dir == null) {
                    dir = choose();
                }
                d = dir;
            }
        }
        return d;
    }

    private static Path choose() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            Path p = Path.of(runtime, "sluice");
            if (usable(p)) {
                return p;
            }
        }
        Path p = Path.of("/tmp", "sluice-" + currentUid());
        if (usable(p)) {
            return p;
        }
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "sluice-", PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory for ssh control sockets in /tmp", e);
        }
    }

    /** Creates {@code p} 0700, or accepts an existing one only if it is a real directory, ours, 0700. */
    static boolean usable(Path p) {
        String s = p.toString();
        if (s.length() > MAX_DIR_LENGTH || s.contains(" ") || s.contains("\"")) {
            return false;
        }
        try {
            Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.setPosixFilePermissions(p, PRIVATE); // the umask may have narrowed nothing, but be exact
        } catch (FileAlreadyExistsException e) {
            // checked below
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return a.isDirectory() && !a.isSymbolicLink() && a.permissions().equals(PRIVATE)
                    && uid instanceof Integer u && u == currentUid();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static volatile Integer uid;

    /** Our effective uid, read from the owner of a file we just created (portable, no JNI). */
    static int currentUid() {
        Integer u = uid;
        if (u == null) {
            try {
                Path probe = Files.createTempFile("sluice-uid", ".probe");
                try {
                    u = (Integer) Files.getAttribute(probe, "unix:uid");
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot determine the current user id", e);
            }
            uid = u;
        }
        return u;
    }
}
