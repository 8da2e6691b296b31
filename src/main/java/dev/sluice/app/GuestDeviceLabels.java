package dev.sluice.app;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestInventory;
import dev.sluice.host.CommandRunner;
import dev.sluice.metrics.Device;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.throughput.DeviceLabeller;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Throughput view's labeller: which VM a zvol backs, read once in the background from the
 * host's VM inventory when the view opens (labels are asked on the FX thread and must not block).
 */
final class GuestDeviceLabels implements DeviceLabeller {
    private volatile Map<String, String> vmByZvol = Map.of();

    /** Starts reading the inventory of {@code runner}'s host; zvols are labelled once it is in. */
    static GuestDeviceLabels readInBackground(GuestHosts guests, CommandRunner runner, TaskExecutor executor) {
        GuestDeviceLabels labels = new GuestDeviceLabels();
        executor.background(() -> {
            try {
                Map<String, String> map = new HashMap<>();
                for (Guest g : GuestInventory.read(guests.open(runner)).guests()) {
                    for (GuestDisk d : g.disks()) {
                        d.zvol().ifPresent(z -> map.putIfAbsent(z, g.name()));
                    }
                }
                labels.vmByZvol = Map.copyOf(map);
            } catch (Exception e) {
                // no hypervisor to ask: zvols keep their dataset names, which is all they have
            }
        });
        return labels;
    }

    @Override
    public Optional<String> usedBy(Device device) {
        return device.kind() == Device.Kind.ZVOL ? Optional.ofNullable(vmByZvol.get(device.name())) : Optional.empty();
    }
}
