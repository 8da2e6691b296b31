package dev.sluice.app;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.GuestInventory;
import dev.sluice.host.CommandRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.ui.volumes.DiskUsers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The VMs of the current host (its whole inventory: VirtualBox, QEMU and libvirt, powered off too) with a disk on
 * given zvols, for the Volumes view's destroy. A host without a hypervisor has no VMs; that is not an error.
 */
public final class GuestDiskUsers implements DiskUsers {
    private final GuestHosts guests;
    private final Supplier<? extends CommandRunner> runner;

    public GuestDiskUsers(GuestHosts guests, Supplier<? extends CommandRunner> runner) {
        this.guests = guests;
        this.runner = runner;
    }

    @Override
    public List<User> using(Collection<String> zvols) throws Exception {
        CommandRunner r = runner.get();
        if (r == null || zvols.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(zvols);
        List<User> users = new ArrayList<>();
        GuestInventory.Result inventory = GuestInventory.read(guests.open(r));
        Exception unknown = inventory.usersUnknown();
        if (unknown != null) {
            // a hypervisor is there but did not answer: whether one of its VMs uses the disk is unknown, so no destroy
            throw new Exception(I18n.t("volumes.destroy.cannotCheck", UserMessages.of(unknown)), unknown);
        }
        for (Guest g : inventory.guests()) {
            g.disks().forEach(d -> d.zvol().filter(wanted::contains)
                    .ifPresent(z -> users.add(new User(g.name(), z, g.state().canStop()))));
        }
        return users;
    }
}
