package dev.sluice.config;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Service-side texts (refusals, step titles, hypervisor errors) in the user's language: the same
 * bundles the UI uses ({@code dev/sluice/i18n/messages*.properties}), read in the default locale, which
 * the app sets from the language setting at start-up.
 */
public final class Texts {
    private static final String BUNDLE = "dev.sluice.i18n.messages";

    private Texts() {
    }

    public static String t(String key, Object... args) {
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, Locale.getDefault());
        String pattern;
        try {
            pattern = b.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, b.getLocale()).format(args);
    }
}
