package dev.sluice.zfs;

/**
 * A volume as a VM admin sees it: size, block size, whether space is reserved (thick) or not
 * (thin, {@code zfs create -s}, clones), and the device path a hypervisor opens.
 */
public record Zvol(Dataset dataset, String devicePath) {

    public static Zvol of(Dataset d, HostOs os) {
        if (!d.isVolume()) {
            throw new IllegalArgumentException(d.name() + " is a " + d.type().zfsName() + ", not a volume");
        }
        return new Zvol(d, os.zvolDevicePath(d.name()));
    }

    public String name() {
        return dataset.name();
    }

    public long volsize() {
        return dataset.volsize();
    }

    public long volblocksize() {
        return dataset.volblocksize();
    }

    /** No refreservation: space is taken only as data is written, and writes can fail when the pool fills. */
    public boolean thin() {
        return dataset.refreservation() == 0;
    }

    public long refreservation() {
        return dataset.refreservation();
    }
}
