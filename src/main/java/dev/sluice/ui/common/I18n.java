package dev.sluice.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * All UI text comes from {@code dev/sluice/i18n/messages*.properties} (English and Simplified
 * Chinese side by side). FXML uses {@code %key}; code uses {@link #t}.
 */
public final class I18n {
    public static final String BUNDLE = "dev.sluice.i18n.messages";
    private static volatile ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault());

    private I18n() {
    }

    public static ResourceBundle bundle() {
        return bundle;
    }

    public static void setLocale(Locale locale) {
        bundle = ResourceBundle.getBundle(BUNDLE, locale);
    }

    public static String t(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }
}
