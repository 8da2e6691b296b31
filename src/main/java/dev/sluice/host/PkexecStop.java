package dev.sluice.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes a local {@code pkexec} command stoppable. pkexec runs the program as root, so Sluice's
 * signals bounce off it (EPERM): a cancel would report "cancelled" while the command runs on. So
 * pkexec runs a small root shell instead, which starts the program in its own process group
 * ({@code setsid}) and looks once a second for a stop file that only Sluice can create: the file
 * lives in Sluice's private 0700 directory ({@link ControlDirectory}) under a random name. When it
 * appears, the shell sends TERM to the program's group and KILL two seconds later. The journal and
 * Activity still show the plain {@code pkexec <program> ...} that the user asked for.
 */
final class PkexecStop {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * $1 is the stop file, the rest the program. Stdin reaches the program through fd 3 (a background
     * job's is /dev/null). {@code kill -TERM -<pgid>} without {@code --}: dash's kill takes no {@code --}.
     */
    static final String SCRIPT = String.join("\n",
            "stop=$1; shift",
            "exec 3<&0",
            "setsid -w \"$@\" <&3 3<&- &",
            "c=$!",
            "exec 3<&-",
            "( while :; do if [ -e \"$stop\" ]; then kill -TERM -\"$c\" 2>/dev/null; sleep 2; kill -KILL -\"$c\" 2>/dev/null; exit 0; fi;"
                    + " sleep 1; done ) </dev/null >/dev/null 2>&1 &",
            "w=$!",
            "wait \"$c\"; r=$?",
            "kill \"$w\" 2>/dev/null",
            "exit $r");

    private final Path stopFile;

    private PkexecStop(Path stopFile) {
        this.stopFile = stopFile;
    }

    /** For {@code onHost} = {@code pkexec <program> ...} on this machine, else null. */
    static PkexecStop forCommand(Host host, Command command, Transport transport) {
        if (!transport.isLocal() || !command.needsRoot() || host.elevation() != Elevation.PKEXEC) {
            return null;
        }
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return new PkexecStop(ControlDirectory.get().resolve("stop-" + HexFormat.of().formatHex(b)));
    }

    /** {@code pkexec sh -c SCRIPT sluice-stoppable <stop file> <program> ...} */
    List<String> wrap(String pkexec, List<String> onHost) {
        List<String> a = new ArrayList<>(List.of(pkexec, "/bin/sh", "-c", SCRIPT, "sluice-stoppable", stopFile.toString()));
        a.addAll(onHost.subList(1, onHost.size()));
        return a;
    }

    /** Asks the root shell to stop the program. */
    void stop() {
        try {
            PrivateFiles.createNew(stopFile, new byte[0]);
        } catch (IOException e) {
            // already asked, or the directory is gone: the kill of the local tree still runs
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(stopFile);
        } catch (IOException ignored) {
            // a stray empty file in our private directory harms nothing
        }
    }
}
