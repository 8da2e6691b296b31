package dev.sluice.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** English and Simplified Chinese carry the same keys, and every pattern parses. */
class MessageBundlesTest {

    static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream("/dev/sluice/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void sameKeysInBothLanguages() throws Exception {
        Set<String> en = new TreeSet<>(load("messages.properties").stringPropertyNames());
        Set<String> zh = new TreeSet<>(load("messages_zh_CN.properties").stringPropertyNames());
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(zh);
        Set<String> onlyZh = new TreeSet<>(zh);
        onlyZh.removeAll(en);
        assertEquals(Set.of(), onlyEn, "missing in messages_zh_CN.properties");
        assertEquals(Set.of(), onlyZh, "missing in messages.properties");
    }

    @Test
    void patternsWithArgumentsParseAndChineseIsTranslated() throws Exception {
        Properties zh = load("messages_zh_CN.properties");
        Properties en = load("messages.properties");
        for (String k : en.stringPropertyNames()) {
            String v = en.getProperty(k);
            if (v.contains("{0}")) {
                new MessageFormat(v).format(new Object[] {"a", "b", "c", "d"});
                new MessageFormat(zh.getProperty(k, "")).format(new Object[] {"a", "b", "c", "d"});
            }
        }
        // the shell's own visible keys are really translated, not copied
        for (String k : zh.stringPropertyNames()) {
            if ((k.startsWith("nav.") || k.startsWith("activity.") || k.startsWith("app.menu.")) && !k.equals("app.menu.refresh")) {
                assertTrue(zh.getProperty(k).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                        k + " looks untranslated: " + zh.getProperty(k));
            }
        }
    }
}
