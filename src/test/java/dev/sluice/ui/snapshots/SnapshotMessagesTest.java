package dev.sluice.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every snapshots.* text exists in English and Simplified Chinese, and every one is a valid MessageFormat. */
class SnapshotMessagesTest {

    static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = new InputStreamReader(SnapshotMessagesTest.class.getResourceAsStream("/dev/sluice/i18n/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        TreeSet<String> enKeys = new TreeSet<>();
        TreeSet<String> zhKeys = new TreeSet<>();
        en.stringPropertyNames().stream().filter(k -> k.startsWith("snapshots.")).forEach(enKeys::add);
        zh.stringPropertyNames().stream().filter(k -> k.startsWith("snapshots.")).forEach(zhKeys::add);
        assertFalse(enKeys.isEmpty());
        assertEquals(enKeys, zhKeys);
        for (String k : enKeys) {
            new MessageFormat(en.getProperty(k)).format(new Object[] {1, 2, 3});
            new MessageFormat(zh.getProperty(k)).format(new Object[] {1, 2, 3});
        }
    }
}
