package dev.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    @Test
    void defaultsFollowXdgUnderHome() {
        AppDirs d = AppDirs.resolve(null, Map.of("HOME", "/home/alice"), "/ignored");
        assertEquals(Path.of("/home/alice/.config/sluice"), d.config());
        assertEquals(Path.of("/home/alice/.local/state/sluice"), d.state());
        assertEquals(Path.of("/home/alice/.cache/sluice"), d.cache());
        assertEquals(Path.of("/home/alice/.config/sluice/settings.json"), d.settingsFile());
    }

    @Test
    void xdgVariablesWinAndRelativeOnesAreIgnored() {
        AppDirs d = AppDirs.resolve(null, Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/x/conf", "XDG_STATE_HOME", "relative/state",
                "XDG_CACHE_HOME", "/x/cache"), "/ignored");
        assertEquals(Path.of("/x/conf/sluice"), d.config());
        assertEquals(Path.of("/h/.local/state/sluice"), d.state());
        assertEquals(Path.of("/x/cache/sluice"), d.cache());
    }

    @Test
    void sluiceHomePropertyPutsEverythingUnderOneDirectory() {
        AppDirs d = AppDirs.resolve("/tmp/t", Map.of("HOME", "/h", "XDG_CONFIG_HOME", "/x"), "/ignored");
        assertEquals(Path.of("/tmp/t/config"), d.config());
        assertEquals(Path.of("/tmp/t/state/audit.jsonl"), d.auditLog());
    }
}
