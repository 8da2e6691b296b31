package dev.sluice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Loads {@code settings.json} once and writes every change straight back. */
public final class SettingsStore {
    private final JsonStore<Settings> store;
    private final Optional<String> loadWarning;
    private volatile Settings current;

    public SettingsStore(AppDirs dirs) {
        this.store = new JsonStore<>(dirs.settingsFile(), Settings.class, Settings::defaults);
        JsonStore.Loaded<Settings> loaded = store.load();
        this.current = loaded.value();
        this.loadWarning = loaded.warning();
    }

    public Settings get() {
        return current;
    }

    /** Set when the file was corrupt and defaults are in use; the UI shows it once. */
    public Optional<String> loadWarning() {
        return loadWarning;
    }

    public synchronized void update(java.util.function.UnaryOperator<Settings> change) {
        Settings next = change.apply(current);
        if (next.equals(current)) {
            return;
        }
        current = next;
        try {
            store.save(next);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save settings to " + store.file() + ": " + e.getMessage()
                    + ". Check that the directory is writable and the disk not full.", e);
        }
    }
}
