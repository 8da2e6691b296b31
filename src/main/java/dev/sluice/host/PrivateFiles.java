package dev.sluice.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Sluice's own files on this machine (settings, hosts, VM definitions, library lists, migration
 * records, crash reports) are readable by their owner only: they name hosts, users and disks.
 * Directories are created 0700 and files 0600 <em>by the create call itself</em>, so there is never
 * a moment in which another user could open them (a chmod afterwards leaves that window). A
 * replacing write goes to a fresh temp file beside the target and is moved over it: a crash
 * leaves the old or the new content, never half of one.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /** What writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents, each 0700; existing ones are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, attribute(DIRECTORY));
        }
        return dir;
    }

    /**
     * Like {@link #createDirectories}, and narrows {@code dir} itself to 0700 if an older Sluice
     * made it wider: it is Sluice's own directory, never a symlink to somewhere else.
     */
    public static Path createOwnDirectory(Path dir) throws IOException {
        createDirectories(dir);
        if (!Files.isSymbolicLink(dir) && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(DIRECTORY)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
        return dir;
    }

    /** Writes {@code file} (0600) through a temp file moved into place; creates its directory 0700. */
    public static void replace(Path file, Content content) throws IOException {
        Path dir = createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attribute(FILE));
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates a new file (0600) that must not exist yet: an existing file or a symlink under that
     * name fails with {@link FileAlreadyExistsException} and is left untouched.
     */
    public static void createNew(Path file, byte[] bytes) throws IOException {
        createDirectories(file.toAbsolutePath().getParent());
        try (var ch = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attribute(FILE))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> p) {
        return PosixFilePermissions.asFileAttribute(p);
    }
}
