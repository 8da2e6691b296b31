package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every migrate.* text exists in English and in Simplified Chinese. */
class MigrationMessagesTest {

    private static Set<String> keys(String file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MigrationMessagesTest.class.getResourceAsStream("/dev/sluice/i18n/" + file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p.stringPropertyNames().stream().filter(k -> k.startsWith("migrate.")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        assertEquals(keys("messages.properties"), keys("messages_zh_CN.properties"));
    }
}
