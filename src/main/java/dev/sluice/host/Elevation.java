package dev.sluice.host;

import java.util.ArrayList;
import java.util.List;

/** How a host gains root for commands that need it. */
public enum Elevation {
    /** Run as the connected user; ZFS delegation ({@code zfs allow}) or a root login. */
    NONE,
    /** {@code sudo -n}: never prompts; a missing NOPASSWD rule fails at once. */
    SUDO,
    /** {@code pkexec}: polkit asks on the desktop of a local session. */
    PKEXEC;

    public List<String> wrap(List<String> argv) {
        List<String> out = new ArrayList<>();
        switch (this) {
            case NONE -> { }
            case SUDO -> out.addAll(List.of("sudo", "-n", "--"));
            case PKEXEC -> out.add("pkexec");
        }
        out.addAll(argv);
        return out;
    }
}
