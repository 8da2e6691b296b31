package dev.sluice.qemu.preflight;

import dev.sluice.host.CommandException;
import java.util.Optional;

/**
 * The little preflight needs from the ZFS service: the zvol behind a device path such as
 * {@code /dev/zvol/tank/vm/disk0}. Empty when there is no such zvol. The ZFS service implements
 * it (zfs get -Hp volsize,keystatus,encryptionroot); tests use a map.
 */
@FunctionalInterface
public interface ZvolLookup {
    Optional<ZvolFacts> zvol(String devicePath) throws CommandException;
}
