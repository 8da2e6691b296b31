package dev.sluice.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * QEMU VM definitions of one host, one JSON file per VM in a directory the app chooses
 * ({@code $XDG_CONFIG_HOME/sluice/hosts/<host-id>/qemu/}). Writes go to a temp file and are
 * moved into place, so a crash never leaves half a definition; files are 0600 in a 0700 directory.
 */
public final class QemuVmStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SUFFIX = ".vm.json";

    private final Path dir;

    public QemuVmStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    public synchronized List<QemuVmDefinition> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<QemuVmDefinition> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                out.add(read(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list QEMU VM definitions in " + dir, e);
        }
        out.sort(Comparator.comparing(QemuVmDefinition::name));
        return out;
    }

    public synchronized Optional<QemuVmDefinition> find(String name) {
        Path p = file(name);
        return Files.exists(p) ? Optional.of(read(p)) : Optional.empty();
    }

    public synchronized void save(QemuVmDefinition vm) {
        try {
            dev.sluice.host.PrivateFiles.replace(file(vm.name()), out -> JSON.writeValue(out, vm));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the QEMU VM " + vm.name() + " to " + dir, e);
        }
    }

    public synchronized boolean delete(String name) {
        try {
            return Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the QEMU VM definition " + file(name), e);
        }
    }

    private Path file(String name) {
        return dir.resolve(name + SUFFIX);
    }

    private static QemuVmDefinition read(Path p) {
        try {
            return JSON.readValue(p.toFile(), QemuVmDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("The QEMU VM definition " + p + " is damaged (" + e.getMessage()
                    + "). Fix or remove the file.", e);
        }
    }
}
