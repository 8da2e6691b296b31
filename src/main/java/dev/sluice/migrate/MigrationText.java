package dev.sluice.migrate;

/**
 * Step titles, refusals and engine messages in the user's language: the same bundles the UI uses
 * ({@code dev/sluice/i18n/messages*.properties}), read in the default locale, which the app sets from
 * the language setting at start-up.
 */
public final class MigrationText {

    private MigrationText() {
    }

    public static String t(String key, Object... args) {
        return dev.sluice.config.Texts.t(key, args);
    }
}
