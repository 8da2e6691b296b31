package dev.sluice.qemu;

/**
 * Where a running VM's QMP socket and pidfile live on its host: {@code <runDir>/<name>.qmp} and
 * {@code <runDir>/<name>.pid}. Finding both again is how Sluice re-attaches after a restart.
 * The runDir should be private to the user ({@code $XDG_RUNTIME_DIR/sluice/qemu}, mode 0700).
 */
public record QemuRunPaths(String runDir) {
    /** sun_path holds 108 bytes including the NUL. */
    static final int MAX_SOCKET_PATH = 107;

    public QemuRunPaths {
        if (!runDir.startsWith("/")) {
            throw new IllegalArgumentException("The QEMU run directory must be an absolute path: " + runDir);
        }
        runDir = runDir.replaceAll("/+$", "");
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
