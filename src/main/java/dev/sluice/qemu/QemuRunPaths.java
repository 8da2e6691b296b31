package dev.sluice.qemu;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a running VM's QMP socket and pidfile live on its host: {@code <runDir>/<name>.qmp} and
 * {@code <runDir>/<name>.pid}. Finding both again is how Sluice re-attaches after a restart.
 * Every directory from {@code privateRoot} down to {@code runDir} is Sluice's own and must be
 * private (see {@link dev.sluice.host.PrivateDirectory}): {@code /tmp/sluice-<uid>} sits in a
 * directory everyone can write to, where someone else could have planted it first.
 */
public record QemuRunPaths(String runDir, String privateRoot) {
    /** sun_path holds 108 bytes including the NUL. */
    static final int MAX_SOCKET_PATH = 107;

    public QemuRunPaths {
        runDir = absolute(runDir);
        privateRoot = absolute(privateRoot);
        if (!runDir.equals(privateRoot) && !runDir.startsWith(privateRoot + "/")) {
            throw new IllegalArgumentException("The QEMU run directory " + runDir + " must lie inside " + privateRoot);
        }
    }

    /** Only {@code runDir} itself is Sluice's (its parent exists already). */
    public QemuRunPaths(String runDir) {
        this(runDir, runDir);
    }

    private static String absolute(String dir) {
        if (!dir.startsWith("/")) {
            throw new IllegalArgumentException("The QEMU run directory must be an absolute path: " + dir);
        }
        return dir.replaceAll("/+$", "");
    }

    /** The directories to create and check, parents first. */
    public List<String> privateDirs() {
        List<String> out = new ArrayList<>(List.of(privateRoot));
        String rest = runDir.substring(privateRoot.length());
        StringBuilder at = new StringBuilder(privateRoot);
        for (String part : rest.split("/")) {
            if (!part.isEmpty()) {
                at.append('/').append(part);
                out.add(at.toString());
            }
        }
        return out;
    }

    public String qmpSocket(String vm) {
        String s = runDir + "/" + vm + ".qmp";
        if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("The QMP socket path " + s + " is longer than a unix socket allows (107 bytes). "
                    + "Choose a shorter run directory or VM name.");
        }
        return s;
    }

    public String pidFile(String vm) {
        return runDir + "/" + vm + ".pid";
    }
}
