package dev.sluice.vbox;

/** VirtualBox messages in the user's language, from the app's bundles ({@code dev/sluice/i18n/messages*.properties}). */
final class VBoxText {

    private VBoxText() {
    }

    static String t(String key, Object... args) {
        return dev.sluice.config.Texts.t(key, args);
    }
}
