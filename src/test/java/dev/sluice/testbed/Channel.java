package dev.sluice.testbed;

/**
 * Which OpenZFS the guest runs. The names are the testbed's {@code ZFS_CHANNEL} values:
 * bookworm-backports carries 2.3 (what new installs get), bookworm's own contrib carries 2.1
 * (what Debian 12 and Ubuntu 22.04 admins still run), Debian unstable carries 2.4 and, only in
 * that image, VirtualBox 7.2's VBoxManage (built by {@code build-image-vbox.sh}).
 */
public enum Channel {
    BACKPORTS("backports", "2.3"),
    BOOKWORM("bookworm", "2.1"),
    UNSTABLE("unstable", "2.4");

    private final String scriptName;
    private final String zfsSeries;

    Channel(String scriptName, String zfsSeries) {
        this.scriptName = scriptName;
        this.zfsSeries = zfsSeries;
    }

    /** The value start.sh expects in {@code ZFS_CHANNEL}. */
    public String scriptName() {
        return scriptName;
    }

    /** "2.4", "2.3" or "2.1": the OpenZFS series the image carries. */
    public String zfsSeries() {
        return zfsSeries;
    }

    @Override
    public String toString() {
        return "OpenZFS " + zfsSeries;
    }
}
