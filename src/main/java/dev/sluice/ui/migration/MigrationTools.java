package dev.sluice.ui.migration;

import dev.sluice.guest.Guest;
import dev.sluice.guest.GuestDisk;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestInventory;
import java.util.ArrayList;
import java.util.List;
import dev.sluice.migrate.CrossHostGuest;
import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.Landing;
import dev.sluice.migrate.ManualLanding;
import dev.sluice.migrate.MigrationTarget;
import dev.sluice.migrate.QemuLanding;
import dev.sluice.migrate.VirshLanding;
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
                             StepActions actions, MigrationStore store, GuestsOfZvol users, MigrationTarget to) {

    public MigrationTools(String hostId, ZfsService zfs, Function<GuestRef, GuestControl> guests, StepActions actions,
                          MigrationStore store, GuestsOfZvol users) {
        this(hostId, zfs, guests, actions, store, users, MigrationTarget.sameHost(hostId, zfs));
    }

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
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(90);

    /** Opens the tools for the host the UI currently works on; blocking, called from background tasks. */
    @FunctionalInterface
    public interface Source {
        MigrationTools open() throws Exception;

        /** The other hosts Sluice knows, which a move may target (none: moves stay on the current host). */
        default List<TargetHost> otherHosts() {
            return List.of();
        }

        /**
         * Tools that move from the current host to {@code hostId}'s; {@code hop}: how the source host reaches it for a
         * direct stream (empty: under the name Sluice uses). Probes the direct route first. Blocking.
         */
        default MigrationTools openTo(String hostId, java.util.Optional<dev.sluice.host.SshHop> hop) throws Exception {
            throw new IllegalStateException(MigrationText.t("migrate.noOtherHosts"));
        }

        /** The pool names on {@code hostId} (another host Sluice knows). Blocking: connects to that host if need be. */
        default List<String> poolsOn(String hostId) throws Exception {
            throw new IllegalStateException(MigrationText.t("migrate.noOtherHosts"));
        }
    }

    /** A host a move may go to, as the wizard's host list shows it. */
    public record TargetHost(String id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    public MigrationPlanner planner() {
        return new MigrationPlanner(zfs, guests, hostId, to);
    }

    /** Whether these tools move to another host. */
    public boolean crossHost() {
        return !to.isSameHost(hostId);
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

    /**
     * Moves from {@code host} to {@code there}, another host, along {@code to}'s route: the zvol moves with
     * {@code zfs send | zfs receive}, and its guest is stopped here and defined and started there (QEMU, libvirt)
     * or, for VirtualBox, left for the admin to register there with the commands the plan lists.
     */
    public static MigrationTools between(String hostId, GuestHost host, GuestHost there, MigrationTarget to,
                                         MigrationStore store, Duration shutdownTimeout) {
        Function<GuestRef, GuestControl> guests = ref -> ref.present()
                ? new CrossHostGuest(guestControl(host, ref, shutdownTimeout), landing(host, there, to, ref, shutdownTimeout), ref.diskPath())
                : GuestControl.NONE;
        MigrationTools same = of(hostId, host, store, shutdownTimeout);
        return new MigrationTools(hostId, host.zfs(), guests, new ZvolMigrationActions(host.zfs(), to, guests), store,
                same.users(), to);
    }

    static Landing landing(GuestHost host, GuestHost there, MigrationTarget to, GuestRef ref, Duration shutdownTimeout) {
        return switch (ref.hypervisor()) {
            case NONE -> throw new IllegalArgumentException("no guest");
            case QEMU -> new QemuLanding(host.qemu(), there.qemu(), ref.vmId(), ref.diskPath(), to.hostName(), shutdownTimeout);
            case LIBVIRT -> new VirshLanding(host.libvirt(), there.libvirt(), ref.vmId(), ref.vmName(), ref.slot(), ref.diskPath(),
                    to.hostName(), shutdownTimeout);
            case VIRTUALBOX -> {
                String[] slot = ref.slot().split("\\|");
                String vmdk = "<VM folder>/" + ref.vmName().replaceAll("[^A-Za-z0-9._-]", "_") + "-zvol.vmdk";
                String device = "/dev/zvol/<moved zvol>";
                yield new ManualLanding(MigrationText.t("migrate.guest.vbox", ref.vmName()), to.hostName(), List.of(
                        List.of("# " + MigrationText.t("migrate.guest.vboxCopyVm", to.hostName())),
                        List.of("VBoxManage", "registervm", "<VM folder>/" + ref.vmName() + ".vbox"),
                        List.of("VBoxManage", "createmedium", "disk", "--filename", vmdk, "--format", "VMDK", "--variant", "RawDisk",
                                "--property", "RawDrive=" + device),
                        List.of("VBoxManage", "storageattach", ref.vmName(), "--storagectl", slot[0], "--port", slot.length > 1 ? slot[1] : "0",
                                "--device", slot.length > 2 ? slot[2] : "0", "--type", "hdd", "--medium", vmdk)));
            }
        };
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
