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
import java.util.stream.Stream;

/**
 * Migration records as one JSON file each ({@code <dir>/<id>.json}, written atomically after every change),
 * so that a migration cut short by a crash or reboot is found at the next start.
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

    public void save(MigrationRecord r) {
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
     * Migrations that were running or rolling back when Sluice stopped, marked {@link MigrationState#INTERRUPTED}
     * so that the UI offers resume or roll back; also those that need attention.
     */
    public List<MigrationRecord> unfinished() {
        List<MigrationRecord> out = new ArrayList<>();
        for (MigrationRecord r : all()) {
            if (r.state() == MigrationState.RUNNING || r.state() == MigrationState.ROLLING_BACK) {
                MigrationRecord interrupted = r.withState(MigrationState.INTERRUPTED,
                        "Sluice stopped while this migration was " + (r.state() == MigrationState.RUNNING ? "running" : "rolling back")
                                + r.current().map(s -> " (step " + (s.index() + 1) + ", " + s.kind() + ")").orElse("") + ".");
                save(interrupted);
                out.add(interrupted);
            } else if (r.state() == MigrationState.INTERRUPTED || r.state() == MigrationState.NEEDS_ATTENTION) {
                out.add(r);
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
