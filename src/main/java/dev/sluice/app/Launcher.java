package dev.sluice.app;

/** Plain main class, so the shaded/jpackaged app starts without the JavaFX launcher check. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        SluiceApp.main(args);
    }
}
