package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonStoreTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:45:00Z"), ZoneOffset.UTC);

    private JsonStore<Settings> store() {
        return new JsonStore<>(dir.resolve("settings.json"), Settings.class, Settings::defaults, clock);
    }

    @Test
    void missingFileGivesDefaultsWithoutWarning() {
        JsonStore.Loaded<Settings> l = store().load();
        assertEquals(Settings.defaults(), l.value());
        assertEquals(Optional.empty(), l.warning());
    }

    @Test
    void roundTrip() throws Exception {
        Settings s = Settings.defaults().withTheme(Settings.Theme.DARK).withLanguage(Settings.Language.CHINESE_SIMPLIFIED)
                .withWindow(new Settings.WindowBounds(10, 20, 1200, 800, true)).withLastView("ACTIVITY").withSelectedHostId("ssh:nas");
        store().save(s);
        assertEquals(s, store().load().value());
        String json = Files.readString(dir.resolve("settings.json"));
        assertTrue(json.contains("\"language\" : \"zh_CN\""), json);
    }

    @Test
    void corruptFileIsKeptAsideAndDefaultsAreUsedWithAWarning() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"theme\": \"DARK\", oops");
        JsonStore.Loaded<Settings> l = store().load();

        assertEquals(Settings.defaults(), l.value());
        Path aside = dir.resolve("settings.json.corrupt-20261121T104500Z");
        assertEquals("{\"theme\": \"DARK\", oops", Files.readString(aside), "the bad file is kept, byte for byte");
        assertTrue(Files.notExists(file));
        String w = l.warning().orElseThrow();
        assertTrue(w.startsWith("settings.json could not be read ("), w);
        assertTrue(w.endsWith("Sluice started with defaults and kept the old file as " + aside
                + ": compare it with the new one and copy back what you need."), w);
    }

    @Test
    void wrongTypesCountAsCorrupt() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "[1, 2, 3]");
        assertTrue(store().load().warning().isPresent());
        Files.writeString(dir.resolve("settings.json"), "null");
        assertTrue(store().load().warning().isPresent());
    }

    @Test
    void missingFieldsFallBackOneByOne() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"theme\": \"DARK\", \"unknownFromTheFuture\": 1}");
        JsonStore.Loaded<Settings> l = store().load();
        assertEquals(Settings.defaults().withTheme(Settings.Theme.DARK), l.value());
        assertEquals(Optional.empty(), l.warning());
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTempFiles() throws Exception {
        JsonStore<Settings> s = store();
        s.save(Settings.defaults());
        s.save(Settings.defaults().withTheme(Settings.Theme.DARK));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(Settings.Theme.DARK, s.load().value().theme());
    }

    @Test
    void saveCreatesTheDirectory() throws Exception {
        JsonStore<Settings> s = new JsonStore<>(dir.resolve("a/b/settings.json"), Settings.class, Settings::defaults);
        s.save(Settings.defaults());
        assertTrue(Files.exists(dir.resolve("a/b/settings.json")));
    }
}
