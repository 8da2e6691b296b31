package dev.sluice.app;

import dev.sluice.config.Settings.WindowBounds;
import java.util.List;

/**
 * Where the main window opens: where it was, unless that place is no longer on any screen
 * (a monitor was unplugged, the resolution shrank); then it is moved and shrunk onto the
 * screen it overlaps most, or the first one. Pure arithmetic, so it is tested without a screen.
 */
public final class WindowPlacement {
    /** A rectangle in screen coordinates. */
    public record Area(double x, double y, double width, double height) {
        double overlap(Area o) {
            double w = Math.min(x + width, o.x + o.width) - Math.max(x, o.x);
            double h = Math.min(y + height, o.y + o.height) - Math.max(y, o.y);
            return w > 0 && h > 0 ? w * h : 0;
        }
    }

    public static final double MIN_WIDTH = 900;
    public static final double MIN_HEIGHT = 600;
    /** How much of the title bar must stay visible to count as "on screen". */
    private static final double GRIP = 48;
    private static final double GRAB_WIDTH = 200;

    private WindowPlacement() {
    }

    /** The bounds to open with; {@code saved} may be null (first start): centred, 1280×800 or the screen if smaller. */
    public static Area place(WindowBounds saved, List<Area> screens) {
        Area primary = screens.isEmpty() ? new Area(0, 0, 1280, 800) : screens.get(0);
        if (saved == null || saved.width() <= 0 || saved.height() <= 0) {
            double w = Math.min(1280, primary.width());
            double h = Math.min(800, primary.height());
            return new Area(primary.x() + (primary.width() - w) / 2, primary.y() + (primary.height() - h) / 2, w, h);
        }
        Area want = new Area(saved.x(), saved.y(), saved.width(), saved.height());
        Area best = primary;
        double most = 0;
        for (Area s : screens) {
            double o = s.overlap(want);
            if (o > most) {
                most = o;
                best = s;
            }
        }
        double w = Math.min(Math.max(want.width(), Math.min(MIN_WIDTH, best.width())), best.width());
        double h = Math.min(Math.max(want.height(), Math.min(MIN_HEIGHT, best.height())), best.height());
        // Keep the saved spot (even across two monitors) while enough of the title bar is on some screen to drag it.
        Area titleBar = new Area(want.x(), want.y(), w, GRIP);
        double visible = screens.stream().mapToDouble(s -> s.overlap(titleBar)).sum();
        double x = want.x();
        double y = want.y();
        boolean shrunk = w < want.width() || h < want.height();
        if (shrunk || y < best.y() || visible < GRIP * Math.min(GRAB_WIDTH, w)) {
            x = clamp(x, best.x(), best.x() + best.width() - w);
            y = clamp(y, best.y(), best.y() + best.height() - h);
        }
        return new Area(x, y, w, h);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(v, hi));
    }
}
