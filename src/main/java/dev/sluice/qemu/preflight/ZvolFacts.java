package dev.sluice.qemu.preflight;

/**
 * What ZFS says about the zvol behind a device path. {@code encryptionRoot} is the dataset whose
 * key must be loaded ({@code zfs load-key}); null when not encrypted.
 */
public record ZvolFacts(String dataset, long volsize, KeyStatus keyStatus, String encryptionRoot) {

    /** ZFS's keystatus property: "-" (NONE) when the zvol is not encrypted. */
    public enum KeyStatus { NONE, AVAILABLE, UNAVAILABLE }
}
