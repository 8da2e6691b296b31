package dev.sluice.ui.migration;

import dev.sluice.guest.DiskMoveRequest;
import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestState;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.VBoxGuest;
import java.util.ArrayList;
import java.util.List;

/**
 * One zvol to move and the VM that uses it, if any. A VM with several zvol disks becomes several
 * sources, planned and run one after the other.
 */
public record MigrationSource(String zvol, GuestRef guest, List<String> hypervisorSnapshots) {

    public MigrationSource {
        hypervisorSnapshots = List.copyOf(hypervisorSnapshots);
    }

    /** A zvol no VM uses (as picked in the Volumes view). */
    public static MigrationSource zvol(String name) {
        return new MigrationSource(name, GuestRef.none(), List.of());
    }

    /** What the VMs view's "Move to pool ▸" asks for. */
    public static MigrationSource of(DiskMoveRequest r) {
        return of(r.guest(), r.disk());
    }

    public static MigrationSource of(Guest g, GuestDisk d) {
        boolean running = g.state() == GuestState.RUNNING || g.state() == GuestState.PAUSED;
        GuestRef ref = switch (g.hypervisor()) {
            case VIRTUALBOX -> new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, g.id(), g.name(),
                    VBoxGuest.slot(d.controller(), d.port(), d.deviceNumber()), d.path(), running);
            case QEMU -> new GuestRef(GuestRef.Hypervisor.QEMU, g.id(), g.name(), d.slot(), d.device(), running);
            case LIBVIRT -> new GuestRef(GuestRef.Hypervisor.LIBVIRT, g.id(), g.name(), d.slot(), d.device(), running);
        };
        // VirtualBox snapshots whose differencing images sit on the raw VMDK pin it: the planner refuses to move it
        return new MigrationSource(d.zvol().orElseThrow(), ref, d.pinningSnapshots());
    }

    /** Every zvol-backed disk of a VM. */
    public static List<MigrationSource> allDisks(Guest g) {
        List<MigrationSource> out = new ArrayList<>();
        for (GuestDisk d : g.disks()) {
            if (d.zvol().isPresent()) {
                out.add(of(g, d));
            }
        }
        return out;
    }

    public String pool() {
        int slash = zvol.indexOf('/');
        return slash < 0 ? zvol : zvol.substring(0, slash);
    }

    /** "web: rpool/vm/web-disk0" or just the zvol. */
    public String label() {
        return guest.present() ? guest.vmName() + ": " + zvol : zvol;
    }
}
