package dev.sluice.guest;

import dev.sluice.host.CommandException;
import dev.sluice.qemu.preflight.ZvolFacts;
import dev.sluice.qemu.preflight.ZvolLookup;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.InvalidZfsNameException;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsService;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Preflight's view of ZFS: the zvol behind a device path ({@code /dev/zvol/tank/vm/disk0}; the host's
 * {@link dev.sluice.zfs.HostOs} reads the path), with its volsize and key status, read from the ZFS service.
 */
public final class ZfsZvolLookup implements ZvolLookup {
    private final ZfsService zfs;

    public ZfsZvolLookup(ZfsService zfs) {
        this.zfs = zfs;
    }

    @Override
    public Optional<ZvolFacts> zvol(String devicePath) throws CommandException {
        Optional<String> name = zfs.os().zvolOf(devicePath);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Dataset> d;
        try {
            d = zfs.dataset(name.get());
        } catch (InvalidZfsNameException notAZvol) {
            return Optional.empty();
        } catch (ZfsException e) {
            // preflight's callers expect command failures only; keep ZFS's own message for the user
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
        return d.filter(Dataset::isVolume).map(ZfsZvolLookup::facts);
    }

    static ZvolFacts facts(Dataset d) {
        ZvolFacts.KeyStatus ks = switch (d.keyStatus()) {
            case AVAILABLE -> ZvolFacts.KeyStatus.AVAILABLE;
            case UNAVAILABLE -> ZvolFacts.KeyStatus.UNAVAILABLE;
            case NONE -> ZvolFacts.KeyStatus.NONE;
        };
        String root = d.encryptionRoot() == null || d.encryptionRoot().isBlank() || "-".equals(d.encryptionRoot())
                ? null : d.encryptionRoot();
        return new ZvolFacts(d.name(), d.volsize(), ks, ks == ZvolFacts.KeyStatus.NONE ? null : root);
    }
}
