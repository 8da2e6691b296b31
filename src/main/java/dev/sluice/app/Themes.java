package dev.sluice.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.sluice.config.Settings;
import javafx.application.Application;

/** AtlantaFX Primer, light or dark, as the application-wide user-agent stylesheet. */
final class Themes {
    private static final String LIGHT = new PrimerLight().getUserAgentStylesheet();
    private static final String DARK = new PrimerDark().getUserAgentStylesheet();

    private Themes() {
    }

    static void apply(Settings.Theme t) {
        String css = t == Settings.Theme.DARK ? DARK : LIGHT;
        if (!css.equals(Application.getUserAgentStylesheet())) {
            Application.setUserAgentStylesheet(css);
        }
    }
}
