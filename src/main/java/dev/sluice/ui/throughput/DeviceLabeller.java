package dev.sluice.ui.throughput;

import dev.sluice.metrics.Device;
import java.util.Optional;

/**
 * Who uses a device, in the admin's words: the VM a zvol backs. The app wires one that asks the
 * VM services; until then nothing is known.
 */
@FunctionalInterface
public interface DeviceLabeller {
    DeviceLabeller NONE = d -> Optional.empty();

    /** The VM (or other user) of {@code device}, when known. */
    Optional<String> usedBy(Device device);
}
