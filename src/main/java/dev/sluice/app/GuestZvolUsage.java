package dev.sluice.app;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestInventory;
import dev.sluice.guest.Hypervisor;
import dev.sluice.host.CommandRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.task.TaskContext;
import dev.sluice.ui.snapshots.ZvolUsage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The running guest that has a zvol as a disk, from the host's VM inventory (VirtualBox, QEMU, libvirt),
 * and the way to shut it down so that a rollback never pulls the disk from under it.
 */
public final class GuestZvolUsage implements ZvolUsage {
    /** As long as the VMs view's Stop gives the guest to answer the power button. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final GuestHosts guests;
    private final CommandRunner runner;

    public GuestZvolUsage(GuestHosts guests, CommandRunner runner) {
        this.guests = guests;
        this.runner = runner;
    }

    private Optional<Guest> user(GuestHost host, String zvol) throws Exception {
        GuestInventory.Result inventory = GuestInventory.read(host);
        if (inventory.usersUnknown() != null) {
            // a hypervisor is there but did not answer: whether one of its guests runs on the zvol is unknown
            throw new Exception(I18n.t("snapshots.rollback.cannotCheck", UserMessages.of(inventory.usersUnknown())),
                    inventory.usersUnknown());
        }
        return inventory.guests().stream()
                .filter(g -> g.state().canStop())
                .filter(g -> g.disks().stream().anyMatch(d -> d.zvol().filter(zvol::equals).isPresent()))
                .findFirst();
    }

    @Override
    public Optional<String> usedBy(String zvol) throws Exception {
        return user(guests.open(runner), zvol).map(g -> "VM " + g.name() + " (" + g.state().name().toLowerCase(Locale.ROOT) + ")");
    }

    @Override
    public boolean canStopUser(String zvol) {
        return true; // every guest usedBy names is a VirtualBox, QEMU or libvirt guest, and each can be shut down
    }

    @Override
    public void stopUser(String zvol) throws Exception {
        GuestHost host = guests.open(runner);
        Optional<Guest> g = user(host, zvol);
        if (g.isEmpty()) {
            return; // it stopped meanwhile
        }
        Guest guest = g.get();
        switch (guest.hypervisor()) {
            case VIRTUALBOX -> host.vbox().shutdown(guest.id(), STOP_TIMEOUT, TaskContext.NONE);
            case QEMU -> host.qemu().stop(guest.id(), STOP_TIMEOUT);
            case LIBVIRT -> host.libvirt().shutdown(guest.id(), STOP_TIMEOUT, TaskContext.NONE);
        }
    }
}
