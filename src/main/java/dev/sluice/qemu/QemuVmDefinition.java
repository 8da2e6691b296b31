package dev.sluice.qemu;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A QEMU VM as Sluice defines it (stored as JSON per host by {@link QemuVmStore}). Names are
 * restricted so that they are safe in file names, QEMU option strings and socket paths.
 */
public record QemuVmDefinition(String name, int cpus, int memoryMiB, List<QemuDrive> drives, Nic nic, Display display) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");

    public enum Nic { USER, NONE }

    /** VNC listens on 127.0.0.1 only: reach it with an SSH tunnel, never over the network. */
    public record Display(Kind kind, int vncDisplay) {
        public enum Kind { NONE, VNC }

        public Display {
            Objects.requireNonNull(kind);
            if (kind == Kind.VNC && (vncDisplay < 0 || vncDisplay > 99)) {
                throw new IllegalArgumentException("VNC display must be 0..99 (port 5900 + display), not " + vncDisplay);
            }
        }

        public static Display none() {
            return new Display(Kind.NONE, 0);
        }

        public static Display vnc(int display) {
            return new Display(Kind.VNC, display);
        }

        public int port() {
            return 5900 + vncDisplay;
        }
    }

    public QemuVmDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A VM name uses letters, digits, '.', '_' and '-' (up to 48, starting with a letter or digit): "
                    + name);
        }
        if (cpus < 1 || cpus > 256) {
            throw new IllegalArgumentException("CPUs must be between 1 and 256, not " + cpus);
        }
        if (memoryMiB < 16) {
            throw new IllegalArgumentException("Memory must be at least 16 MiB, not " + memoryMiB);
        }
        drives = drives == null ? List.of() : List.copyOf(drives);
        nic = nic == null ? Nic.NONE : nic;
        display = display == null ? Display.none() : display;
    }

    /**
     * The definition with its first zvol drive whose device is one of {@code from} moved to {@code to} (all else as
     * it was), or empty when no zvol drive is on any of them.
     */
    public java.util.Optional<QemuVmDefinition> withZvolMoved(java.util.Collection<String> from, String to) {
        List<QemuDrive> out = new java.util.ArrayList<>();
        boolean changed = false;
        for (QemuDrive d : drives) {
            if (!changed && d.backing() == QemuDrive.Backing.ZVOL && from.contains(d.source())) {
                out.add(new QemuDrive(to, d.backing(), d.format(), d.numQueues(), d.aio(), d.readOnly(), d.declaredSizeBytes()));
                changed = true;
            } else {
                out.add(d);
            }
        }
        return changed ? java.util.Optional.of(withDrives(out)) : java.util.Optional.empty();
    }

    public QemuVmDefinition withDrives(List<QemuDrive> d) {
        return new QemuVmDefinition(name, cpus, memoryMiB, d, nic, display);
    }
}
