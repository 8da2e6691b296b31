package dev.sluice.vbox;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** VirtualBox messages in the user's language, from the app's bundles ({@code dev/sluice/i18n/messages*.properties}). */
final class VBoxText {
    private static final String BUNDLE = "dev.sluice.i18n.messages";

    private VBoxText() {
    }

    static String t(String key, Object... args) {
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
