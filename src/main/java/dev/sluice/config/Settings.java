package dev.sluice.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What the user chose and what the window looked like, kept in {@code settings.json}. Missing or
 * null fields (an older file, a hand edit) fall back to the defaults one by one.
 */
public record Settings(Theme theme, Language language, WindowBounds window, double sidebarWidth, String lastView,
                       String selectedHostId, Sampling sampling) {

    public enum Theme { LIGHT, DARK }

    /** The UI language; applied at the next start. */
    public enum Language {
        @JsonProperty("system") SYSTEM(null),
        @JsonProperty("en") ENGLISH(Locale.ENGLISH),
        @JsonProperty("zh_CN") CHINESE_SIMPLIFIED(Locale.SIMPLIFIED_CHINESE);

        private final Locale locale;

        Language(Locale locale) {
            this.locale = locale;
        }

        /** The locale to use; {@code systemDefault} for {@link #SYSTEM}. */
        public Locale locale(Locale systemDefault) {
            return locale == null ? systemDefault : locale;
        }
    }

    /** The main window's last normal (not maximized) bounds and whether it was maximized. */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    /** How often throughput samplers poll and how much history charts keep; room for the metrics work. */
    public record Sampling(int intervalMillis, int historySeconds) {
        public static final Sampling DEFAULT = new Sampling(1000, 300);

        public Sampling {
            intervalMillis = intervalMillis <= 0 ? DEFAULT_INTERVAL : Math.max(100, intervalMillis);
            historySeconds = historySeconds <= 0 ? DEFAULT_HISTORY : historySeconds;
        }

        private static final int DEFAULT_INTERVAL = 1000;
        private static final int DEFAULT_HISTORY = 300;
    }

    public static final double DEFAULT_SIDEBAR_WIDTH = 210;

    public Settings {
        theme = theme == null ? Theme.LIGHT : theme;
        language = language == null ? Language.SYSTEM : language;
        sidebarWidth = sidebarWidth < 120 || sidebarWidth > 600 ? DEFAULT_SIDEBAR_WIDTH : sidebarWidth;
        sampling = sampling == null ? Sampling.DEFAULT : sampling;
    }

    public static Settings defaults() {
        return new Settings(Theme.LIGHT, Language.SYSTEM, null, DEFAULT_SIDEBAR_WIDTH, null, null, Sampling.DEFAULT);
    }

    public Settings withTheme(Theme t) {
        return new Settings(t, language, window, sidebarWidth, lastView, selectedHostId, sampling);
    }

    public Settings withLanguage(Language l) {
        return new Settings(theme, l, window, sidebarWidth, lastView, selectedHostId, sampling);
    }

    public Settings withWindow(WindowBounds w) {
        return new Settings(theme, language, w, sidebarWidth, lastView, selectedHostId, sampling);
    }

    public Settings withSidebarWidth(double w) {
        return new Settings(theme, language, window, w, lastView, selectedHostId, sampling);
    }

    public Settings withLastView(String v) {
        return new Settings(theme, language, window, sidebarWidth, v, selectedHostId, sampling);
    }

    public Settings withSelectedHostId(String id) {
        return new Settings(theme, language, window, sidebarWidth, lastView, id, sampling);
    }

    public Settings withSampling(Sampling s) {
        return new Settings(theme, language, window, sidebarWidth, lastView, selectedHostId, s);
    }
}
