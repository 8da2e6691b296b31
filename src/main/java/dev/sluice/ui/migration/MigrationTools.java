package dev.sluice.ui.migration;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestInventory;
import java.util.ArrayList;
import java.util.List;
import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.MigrationEngine;
import dev.sluice.migrate.MigrationPlanner;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.LiveQemuGuest;
import dev.sluice.migrate.StepActions;
import dev.sluice.migrate.VBoxGuest;
import dev.sluice.migrate.VirshGuest;
import dev.sluice.migrate.MigrationText;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.migrate.ZvolMigrationActions;
import dev.sluice.task.Progress;
import dev.sluice.zfs.ZfsService;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Everything a migration needs on one host: ZFS, how to reach the guest that uses a disk, what each
 * step really does, and where records are kept. Tests pass a scripted ZFS and fake step actions.
 */
public record MigrationTools(String hostId, ZfsService zfs, Function<GuestRef, GuestControl> guests,
                             StepActions actions, MigrationStore store, GuestsOfZvol users) {

    /** Which guests (VirtualBox, QEMU) have a zvol as a disk; blocking. */
    @FunctionalInterface
    public interface GuestsOfZvol {
        List<MigrationSource> of(String zvol) throws Exception;

        GuestsOfZvol NONE = zvol -> List.of();
    }

    /** Tools whose host has no VMs at all. */
    public MigrationTools(String hostId, ZfsService zfs, Function<GuestRef, GuestControl> guests, StepActions actions,
                          MigrationStore store) {
        this(hostId, zfs, guests, actions, store, GuestsOfZvol.NONE);
    }

    /** How long a guest gets to shut down on ACPI before it is powered off. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(90);

    /** Opens the tools for the host the UI currently works on; blocking, called from background tasks. */
    @FunctionalInterface
    public interface Source {
        MigrationTools open() throws Exception;
    }

    public MigrationPlanner planner() {
        return new MigrationPlanner(zfs, guests, hostId);
    }

    public MigrationEngine engine(BiConsumer<MigrationStep, Progress> progressSink) {
        return new MigrationEngine(actions, progressSink);
    }

    /** The real thing on a host: VirtualBox and QEMU guests through that host's services. */
    public static MigrationTools of(String hostId, GuestHost host, MigrationStore store) {
        return of(hostId, host, store, SHUTDOWN_TIMEOUT);
    }

    /** As the app builds them, with another ACPI grace period (guests without an OS never answer ACPI). */
    public static MigrationTools of(String hostId, GuestHost host, MigrationStore store, Duration shutdownTimeout) {
        Function<GuestRef, GuestControl> guests = ref -> guestControl(host, ref, shutdownTimeout);
        return new MigrationTools(hostId, host.zfs(), guests, new ZvolMigrationActions(host.zfs(), guests), store,
                zvol -> {
                    GuestInventory.Result inventory = GuestInventory.read(host);
                    if (inventory.usersUnknown() != null) {
                        // a hypervisor did not answer: which guest uses the zvol is unknown, so no move
                        throw new IllegalStateException(MigrationText.t("migrate.refuse.usersUnknown",
                                UserMessages.of(inventory.usersUnknown())), inventory.usersUnknown());
                    }
                    return usersOf(inventory.guests(), zvol);
                });
    }

    /** Every disk of every guest backed by {@code zvol}, as a source that moves VM-aware. */
    static List<MigrationSource> usersOf(List<Guest> guests, String zvol) {
        List<MigrationSource> out = new ArrayList<>();
        for (Guest g : guests) {
            for (GuestDisk d : g.disks()) {
                if (d.zvol().filter(zvol::equals).isPresent()) {
                    out.add(MigrationSource.of(g, d));
                }
            }
        }
        return out;
    }

    static GuestControl guestControl(GuestHost host, GuestRef ref, Duration shutdownTimeout) {
        return switch (ref.hypervisor()) {
            case NONE -> GuestControl.NONE;
            case QEMU -> new LiveQemuGuest(host.qemu(), ref.vmId(), ref.diskPath(), shutdownTimeout);
            case LIBVIRT -> {
                boolean persistent;
                try {
                    persistent = host.libvirt().guest(ref.vmId()).persistent();
                } catch (Exception e) {
                    throw new IllegalStateException(UserMessages.of(e), e);
                }
                if (!persistent) {
                    throw new IllegalStateException(MigrationText.t("migrate.refuse.libvirtTransient", ref.vmName()));
                }
                yield new VirshGuest(host.libvirt(), ref.vmId(), ref.vmName(), ref.slot(), ref.diskPath(), shutdownTimeout);
            }
            case VIRTUALBOX -> {
                String[] slot = ref.slot().split("\\|");
                try {
                    yield new VBoxGuest(host.vbox(), host.vbox().version(), ref.vmId(), ref.vmName(), slot[0],
                            Integer.parseInt(slot[1]), Integer.parseInt(slot[2]), ref.diskPath(), shutdownTimeout);
                } catch (Exception e) {
                    throw new IllegalStateException("VirtualBox on this host does not answer: " + e.getMessage(), e);
                }
            }
        };
    }
}
