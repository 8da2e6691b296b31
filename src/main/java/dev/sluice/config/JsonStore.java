package dev.sluice.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.host.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One JSON file holding one record. Reading never fails the app: a missing file gives the
 * defaults; an unreadable one gives the defaults plus a warning, and the bad file is renamed
 * aside ({@code settings.json.corrupt-20261121T104500Z}) so that nothing the user had is lost.
 * Writes go to a temp file in the same directory and are moved over the old file, so a crash
 * mid-write leaves either the old or the new file, never half of one.
 */
public final class JsonStore<T> {

    /** What {@link #load} found: the value to use, and a warning for the user when the file was bad. */
    public record Loaded<T>(T value, Optional<String> warning) {
    }

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final Class<T> type;
    private final Supplier<T> defaults;
    private final Clock clock;

    public JsonStore(Path file, Class<T> type, Supplier<T> defaults) {
        this(file, type, defaults, Clock.systemUTC());
    }

    JsonStore(Path file, Class<T> type, Supplier<T> defaults, Clock clock) {
        this.file = file;
        this.type = type;
        this.defaults = defaults;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Loaded<T> load() {
        if (!Files.exists(file)) {
            return new Loaded<>(defaults.get(), Optional.empty());
        }
        try {
            T value = MAPPER.readValue(file.toFile(), type);
            if (value == null) {
                throw new IOException("the file holds no value");
            }
            return new Loaded<>(value, Optional.empty());
        } catch (IOException | RuntimeException e) {
            return new Loaded<>(defaults.get(), Optional.of(setAside(e)));
        }
    }

    private String setAside(Exception cause) {
        String why = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return file.getFileName() + " could not be read (" + why + "). Sluice started with defaults and kept the old file as "
                    + aside + ": compare it with the new one and copy back what you need.";
        } catch (IOException e) {
            return file.getFileName() + " could not be read (" + why + ") nor moved aside (" + e.getMessage()
                    + "). Sluice uses defaults and will overwrite it when you change a setting: copy it elsewhere first if it matters.";
        }
    }

    /** Writes the file 0600 in a 0700 directory (see {@link PrivateFiles}). */
    public void save(T value) throws IOException {
        PrivateFiles.replace(file, out -> MAPPER.writeValue(out, value));
    }
}
