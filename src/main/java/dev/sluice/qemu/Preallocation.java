package dev.sluice.qemu;

/**
 * How much of a new image is allocated up front. OFF keeps it sparse (the default: zvols and
 * thin storage stay thin); FALLOC reserves blocks without writing them; FULL writes zeros.
 */
public enum Preallocation {
    OFF("off"),
    FALLOC("falloc"),
    FULL("full");

    private final String option;

    Preallocation(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }
}
