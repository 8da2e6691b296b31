package dev.sluice.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The private directory (see {@link PrivateDirectory}) that holds ssh's ControlMaster sockets:
 * {@code $XDG_RUNTIME_DIR/sluice} when that is short enough, else {@code /tmp/sluice-<uid>}, else a
 * fresh private directory in /tmp. A unix socket path has at most 107 bytes, and while ssh creates
 * the socket it binds a temporary name: the ControlPath plus {@code ".<16 random characters>"}.
 * So the directory gets 107 − 17 − 50 (our file name, {@code "/<8 hex>-<40 hex of %C>"}) = 40 bytes.
 */
final class ControlDirectory {
    /** sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;
    /** What ssh appends while it creates the socket (mux.c: {@code "%s.%s"} with 16 random characters). */
    static final int SSH_TEMP_SUFFIX = 17;
    /** Our socket's name in the directory: "/" + 8 hex + "-" + the 40 hex of %C. */
    static final int SOCKET_NAME = 1 + 8 + 1 + 40;
    static final int MAX_DIR_LENGTH = MAX_SOCKET_PATH - SSH_TEMP_SUFFIX - SOCKET_NAME;
    private static volatile Path dir;

    private ControlDirectory() {
    }

    static Path get() {
        Path d = dir;
        if (d == null) {
            synchronized (ControlDirectory.class) {
                if (dir == null) {
                    dir = choose(System.getenv("XDG_RUNTIME_DIR"));
                }
                d = dir;
            }
        }
        return d;
    }

    static Path choose(String runtime) {
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
            return Files.createTempDirectory(Path.of("/tmp"), "sluice-", PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a private directory for ssh control sockets in /tmp", e);
        }
    }

    /** Short enough for the socket, ours and private (created 0700 if missing). */
    static boolean usable(Path p) {
        String s = p.toString();
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_DIR_LENGTH || s.contains(" ") || s.contains("\"")) {
            return false;
        }
        return PrivateDirectory.ensureLocal(p, currentUid()) == null;
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
