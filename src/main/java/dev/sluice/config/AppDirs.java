package dev.sluice.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Sluice keeps its files, after the XDG base-directory spec: settings and hosts in
 * {@code $XDG_CONFIG_HOME/sluice}, logs (audit, crash reports) in {@code $XDG_STATE_HOME/sluice},
 * throwaway data in {@code $XDG_CACHE_HOME/sluice}. The system property {@code sluice.home}
 * puts all three under one directory, so a test or a portable install never touches the real ones.
 */
public record AppDirs(Path config, Path state, Path cache) {

    public static final String HOME_PROPERTY = "sluice.home";

    /** The directories for this process: {@code -Dsluice.home} if set, else XDG variables, else defaults under $HOME. */
    public static AppDirs current() {
        return resolve(System.getProperty(HOME_PROPERTY), System.getenv(), System.getProperty("user.home"));
    }

    public static AppDirs under(Path home) {
        return new AppDirs(home.resolve("config"), home.resolve("state"), home.resolve("cache"));
    }

    static AppDirs resolve(String sluiceHome, Map<String, String> env, String userHome) {
        if (sluiceHome != null && !sluiceHome.isBlank()) {
            return under(Path.of(sluiceHome));
        }
        Path home = Path.of(env.getOrDefault("HOME", userHome));
        return new AppDirs(
                xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("sluice"),
                xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("sluice"),
                xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("sluice"));
    }

    // The spec says relative paths in these variables are invalid and must be ignored.
    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }

    public Path hostsFile() {
        return config.resolve("hosts.json");
    }

    public Path auditLog() {
        return state.resolve("audit.jsonl");
    }

    public Path crashDir() {
        return state.resolve("crashes");
    }

    /** Creates the three directories, 0700 (settings name hosts and users; records name disks). */
    public AppDirs create() {
        for (Path p : new Path[] {config, state, cache}) {
            try {
                dev.sluice.host.PrivateFiles.createOwnDirectory(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create " + p + ": " + e.getMessage()
                        + ". Check the permissions of its parent directory, or start Sluice with -D"
                        + HOME_PROPERTY + "=<a writable directory>.", e);
            }
        }
        return this;
    }
}
