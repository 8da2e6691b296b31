package dev.sluice.app;

/**
 * Sidebar and header icons as SVG path data on a 24×24 grid (stroke-free shapes), so that Sluice
 * needs no icon-font library. Drawn by hand after the usual outline-icon conventions.
 */
final class Icons {
    private Icons() {
    }

    /** Three stacked disks. */
    static final String POOLS = "M12 2C7 2 3 3.6 3 5.5v13C3 20.4 7 22 12 22s9-1.6 9-3.5v-13C21 3.6 17 2 12 2zm0 2c4.2 0 7 1.2 7 1.5S16.2 7 12 7 5 5.8 5 5.5 7.8 4 12 4z"
            + "M5 8.3C6.7 9.1 9.2 9.5 12 9.5s5.3-.4 7-1.2V12c0 .3-2.8 1.5-7 1.5S5 12.3 5 12zm0 6.5c1.7.8 4.2 1.2 7 1.2s5.3-.4 7-1.2v3.7c0 .3-2.8 1.5-7 1.5s-7-1.2-7-1.5z";
    /** A block device: a rectangle with a status light. */
    static final String VOLUMES = "M3 6a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zm2 0v4h14V6zm11 1h2v2h-2z"
            + "M3 15a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zm2 0v3h14v-3zm11 .5h2v2h-2z";
    /** A camera. */
    static final String SNAPSHOTS = "M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3zM4 7h16v11H4z"
            + "M12 8.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4z";
    /** A file with a folded corner. */
    static final String IMAGES = "M6 2a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm0 2h7v5h5v11H6zm9 .8L17.2 7H15z"
            + "M8 12h8v2H8zm0 4h8v2H8z";
    /** A monitor. */
    static final String VMS = "M3 4a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2h-6v2h3v2H8v-2h3v-2H5a2 2 0 0 1-2-2zm2 0v11h14V4z"
            + "M7 6h6v2H7zm0 3h10v2H7z";
    /** A rising line chart. */
    static final String THROUGHPUT = "M3 3h2v16h16v2H3zm16.3 3.3 1.4 1.4-6.2 6.2-3.5-3.5-3.3 3.3-1.4-1.4 4.7-4.7 3.5 3.5z";
    /** A list with bullets. */
    static final String ACTIVITY = "M4 5h2v2H4zm4 0h12v2H8zM4 11h2v2H4zm4 0h12v2H8zM4 17h2v2H4zm4 0h12v2H8z";
    /** A sun, shown in dark mode to switch to light. */
    static final String SUN = "M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm0 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM11 1h2v3h-2zm0 19h2v3h-2zM1 11h3v2H1zm19 0h3v2h-3z"
            + "M4.2 5.6l1.4-1.4 2.1 2.1-1.4 1.4zm12.1 12.1 1.4-1.4 2.1 2.1-1.4 1.4zM4.2 18.4l2.1-2.1 1.4 1.4-2.1 2.1zM16.3 6.3l2.1-2.1 1.4 1.4-2.1 2.1z";
    /** A crescent moon, shown in light mode to switch to dark. */
    static final String MOON = "M12.3 2.1A10 10 0 1 0 21.9 11.7 7.5 7.5 0 0 1 12.3 2.1zM9.9 4.5a9.5 9.5 0 0 0 9.6 9.6A8 8 0 1 1 9.9 4.5z";
    /** Circular arrow. */
    static final String REFRESH = "M12 4a8 8 0 0 1 7.4 5H17v2h6V5h-2v2.6A10 10 0 1 0 22 12h-2a8 8 0 1 1-8-8z";
    /** A triangle with an exclamation mark. */
    static final String WARNING = "M12 2 1 21h22zm0 4.2L19.5 19h-15zM11 10h2v5h-2zm0 6h2v2h-2z";
    /** Three sliders: settings of the selected host. */
    static final String SETTINGS = "M3 5h10v2H3zm14 0h4v2h-4zm-2-2h2v6h-2zM3 11h4v2H3zm8 0h10v2H11zM7 9h2v6H7zm-4 8h10v2H3zm14 0h4v2h-4zm-2-2h2v6h-2z";
}
