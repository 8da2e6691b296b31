package dev.sluice.migrate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Migration records as one JSON file each ({@code <dir>/<id>.json}, written atomically after every change),
 * so that a migration cut short by a crash or reboot is found at the next start. A record whose
 * {@link OwnerLease owner} is another live process is never rewritten: saving it fails with
 * {@link OwnedElsewhere}, and {@link #unfinished()} does not offer it.
 */
public final class MigrationStore {
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public MigrationStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The app's records: {@code <state dir>/migrations}. */
    public static MigrationStore under(Path stateDir) {
        return new MigrationStore(stateDir.resolve("migrations"));
    }

    /** Someone else's live migration: this process must leave its record alone. */
    public static final class OwnedElsewhere extends IllegalStateException {
        public OwnedElsewhere(MigrationRecord r) {
            super(MigrationText.t("migrate.engine.ownedElsewhere", r.source(), r.target(), r.owner().pid()));
        }
    }

    public void save(MigrationRecord r) {
        synchronized (MigrationStore.class) {
            try (DirLock lock = DirLock.take(dir)) {
                Optional<MigrationRecord> onDisk = read(r.id());
                if (onDisk.isPresent() && onDisk.get().owner() != null && onDisk.get().owner().heldElsewhere()) {
                    throw new OwnedElsewhere(onDisk.get());
                }
                write(r);
            }
        }
    }

    /**
     * Takes over a record for this process (to resume, finish, roll back or dismiss it), unless another live
     * process owns it; returns the record as it is on disk now, owned by this process.
     */
    public MigrationRecord claim(String id) {
        synchronized (MigrationStore.class) {
            try (DirLock lock = DirLock.take(dir)) {
                MigrationRecord r = read(id).orElseThrow(() -> new IllegalStateException(
                        MigrationText.t("migrate.engine.recordGone", id, dir)));
                if (r.owner() != null && r.owner().heldElsewhere()) {
                    throw new OwnedElsewhere(r);
                }
                MigrationRecord mine = r.withOwner(OwnerLease.self());
                write(mine);
                return mine;
            }
        }
    }

    public Optional<MigrationRecord> find(String id) {
        return read(id);
    }

    private Optional<MigrationRecord> read(String id) {
        Path p = dir.resolve(id + ".json");
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(p.toFile(), MigrationRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void write(MigrationRecord r) {
        try {
            dev.sluice.host.PrivateFiles.replace(dir.resolve(r.id() + ".json"), out -> json.writeValue(out, r)); // 0600 in a 0700 dir
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save migration " + r.id() + " under " + dir, e);
        }
    }

    public List<MigrationRecord> all() {
        List<MigrationRecord> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(json.readValue(p.toFile(), MigrationRecord.class));
                } catch (IOException e) {
                    // an unreadable record is kept as it is for a human to inspect, never deleted
                    Files.move(p, p.resolveSibling(p.getFileName() + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Migrations whose owner died while they were running or rolling back (Sluice killed, the machine rebooted),
     * marked {@link MigrationState#INTERRUPTED}; also those stopped at a checkpoint and those that need attention.
     * A migration another live Sluice process runs is neither returned nor touched.
     */
    public List<MigrationRecord> unfinished() {
        List<MigrationRecord> out = new ArrayList<>();
        synchronized (MigrationStore.class) {
            try (DirLock lock = DirLock.take(dir)) {
                for (MigrationRecord r : all()) {
                    if (r.owner() != null && r.owner().stillRunning()) {
                        continue; // running here or in another live process
                    }
                    if (r.state().isActive()) {
                        String where = r.current().map(s -> MigrationText.t("migrate.engine.atStep", s.index() + 1, s.title())).orElse("");
                        MigrationRecord interrupted = r.withState(MigrationState.INTERRUPTED, MigrationText.t(
                                r.state() == MigrationState.RUNNING ? "migrate.engine.stoppedRunning" : "migrate.engine.stoppedRollingBack",
                                where)).withOwner(null);
                        write(interrupted);
                        out.add(interrupted);
                    } else if (r.state() == MigrationState.INTERRUPTED || r.state() == MigrationState.NEEDS_ATTENTION) {
                        out.add(r.owner() == null ? r : r.withOwner(null));
                    }
                }
            }
        }
        return out;
    }

    public void delete(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
