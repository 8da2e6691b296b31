package dev.sluice.config;

import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hosts the user added, kept in {@code hosts.json}. The local host is always first and only
 * its privilege mode is stored; SSH hosts follow in the order they were added.
 */
public final class HostsStore {

    /** The file's shape: a version for later migrations, the local host's elevation, the SSH hosts. */
    record HostsFile(int version, Elevation localElevation, List<SavedHost> ssh) {
        HostsFile {
            version = version <= 0 ? 1 : version;
            localElevation = localElevation == null ? Elevation.NONE : localElevation;
            ssh = ssh == null ? List.of() : List.copyOf(ssh);
        }

        static HostsFile empty() {
            return new HostsFile(1, Elevation.NONE, List.of());
        }
    }

    /** One SSH host as stored; separate from {@link Host} so the file format does not follow code changes by accident. */
    record SavedHost(String target, int port, String identityFile, Elevation elevation, String displayName) {
        static SavedHost of(Host h) {
            return new SavedHost(h.sshTarget(), h.port(), h.identityFile(), h.elevation(), h.displayName());
        }

        Host toHost() {
            Host h = Host.ssh(target, port, blankToNull(identityFile), elevation);
            return displayName == null || displayName.isBlank() ? h
                    : new Host(h.id(), displayName, h.kind(), h.sshTarget(), h.port(), h.identityFile(), h.elevation());
        }
    }

    private final JsonStore<HostsFile> store;
    private final Optional<String> loadWarning;
    private HostsFile current;

    public HostsStore(AppDirs dirs) {
        this.store = new JsonStore<>(dirs.hostsFile(), HostsFile.class, HostsFile::empty);
        JsonStore.Loaded<HostsFile> loaded = store.load();
        this.current = sanitize(loaded.value());
        this.loadWarning = loaded.warning();
    }

    // A hand-edited file may hold an entry without a target; it cannot be reached, so drop it.
    private static HostsFile sanitize(HostsFile f) {
        List<SavedHost> ok = f.ssh().stream().filter(s -> s != null && s.target() != null && !s.target().isBlank()).toList();
        return new HostsFile(f.version(), f.localElevation(), ok);
    }

    public Optional<String> loadWarning() {
        return loadWarning;
    }

    /** The local host first, then the SSH hosts. */
    public synchronized List<Host> hosts() {
        List<Host> out = new ArrayList<>();
        out.add(Host.local(current.localElevation()));
        current.ssh().forEach(s -> out.add(s.toHost()));
        return List.copyOf(out);
    }

    public synchronized Optional<Host> find(String id) {
        return hosts().stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** Adds an SSH host, or replaces the one with the same id (same target and port). */
    public synchronized void put(Host host) {
        if (host.isLocal()) {
            write(new HostsFile(current.version(), host.elevation(), current.ssh()));
            return;
        }
        List<SavedHost> next = new ArrayList<>();
        boolean replaced = false;
        for (SavedHost s : current.ssh()) {
            if (s.toHost().id().equals(host.id())) {
                next.add(SavedHost.of(host));
                replaced = true;
            } else {
                next.add(s);
            }
        }
        if (!replaced) {
            next.add(SavedHost.of(host));
        }
        write(new HostsFile(current.version(), current.localElevation(), next));
    }

    public synchronized void remove(String id) {
        List<SavedHost> next = current.ssh().stream().filter(s -> !s.toHost().id().equals(id)).toList();
        write(new HostsFile(current.version(), current.localElevation(), next));
    }

    private void write(HostsFile f) {
        try {
            store.save(f);
            current = f;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save hosts to " + store.file() + ": " + e.getMessage()
                    + ". Check that the directory is writable and the disk not full.", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
