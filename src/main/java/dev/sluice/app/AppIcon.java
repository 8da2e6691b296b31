package dev.sluice.app;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** The sluice-gate icon (assets/icon/sluice.svg rendered to PNGs) for the window and header. */
final class AppIcon {
    static final int[] SIZES = {16, 32, 64, 128, 256};

    private AppIcon() {
    }

    static Image image(int size) {
        InputStream in = AppIcon.class.getResourceAsStream("icon/sluice-" + size + ".png");
        return in == null ? null : new Image(in);
    }

    /** Every size, so the window manager picks the sharpest for the task bar and title. */
    static List<Image> all() {
        List<Image> out = new ArrayList<>();
        for (int s : SIZES) {
            Image i = image(s);
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }
}
