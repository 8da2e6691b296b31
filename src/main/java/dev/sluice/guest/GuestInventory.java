package dev.sluice.guest;

import dev.sluice.host.CommandException;
import dev.sluice.libvirt.LibvirtDisk;
import dev.sluice.libvirt.LibvirtDomain;
import dev.sluice.libvirt.LibvirtException;
import dev.sluice.libvirt.LibvirtGuest;
import dev.sluice.qemu.preflight.ZvolFacts;
import dev.sluice.qemu.QemuDrive;
import dev.sluice.qemu.QemuVmStatus;
import dev.sluice.vbox.StorageAttachment;
import dev.sluice.vbox.VBoxDisk;
import dev.sluice.vbox.VBoxException;
import dev.sluice.vbox.VBoxVm;
import dev.sluice.zfs.HostOs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every guest of a host, VirtualBox, Sluice's QEMU VMs and libvirt together, each disk with what backs
 * it. A hypervisor that is missing or failing does not hide the others: its reason comes back beside the list.
 */
public final class GuestInventory {

    /**
     * {@code vboxUnavailable}/{@code qemuUnavailable}/{@code libvirtUnavailable}: why that hypervisor is not listed
     * (with the fix), or null.
     */
    public record Result(List<Guest> guests, Exception vboxUnavailable, Exception qemuUnavailable, Exception libvirtUnavailable) {
        public Result {
            guests = List.copyOf(guests);
        }

        public Result(List<Guest> guests, Exception vboxUnavailable, Exception qemuUnavailable) {
            this(guests, vboxUnavailable, qemuUnavailable, null);
        }

        /**
         * A hypervisor that is there but did not answer, so whether one of its guests uses a disk is unknown: its
         * failure, or null. Not installed (or libvirt without its daemon, so no guest of it can run) is known: no guests.
         */
        public Exception usersUnknown() {
            if (vboxUnavailable != null && !(vboxUnavailable instanceof CommandException.NotInstalled)) {
                return vboxUnavailable;
            }
            return libvirtSilent(libvirtUnavailable) ? null : libvirtUnavailable;
        }

        /** libvirt's failure as the VMs view shows it: nothing for a host without libvirt. */
        public Exception libvirtShown() {
            return libvirtSilent(libvirtUnavailable) ? null : libvirtUnavailable;
        }

        private static boolean libvirtSilent(Exception e) {
            return e == null || e instanceof CommandException.NotInstalled
                    || e instanceof LibvirtException l && l.kind() == LibvirtException.Kind.DAEMON_DOWN;
        }
    }

    private GuestInventory() {
    }

    public static Result read(GuestHost host) throws CommandException {
        List<Guest> all = new ArrayList<>();
        Exception vboxProblem = null;
        try {
            for (VBoxVm vm : host.vbox().listVms()) {
                all.add(vbox(host, vm));
            }
        } catch (CommandException.NotInstalled e) {
            vboxProblem = e;
        } catch (VBoxException e) {
            vboxProblem = e;
        }
        Exception qemuProblem = host.qemuMissing();
        for (QemuVmStatus s : host.qemu().list()) {
            if (s.state().canStop()) {
                host.qemu().supervise(s.name()); // a VM whose process vanished shows as crashed, not running
            }
        }
        for (QemuVmStatus s : host.qemu().list()) {
            all.add(qemu(host.zfs().os(), s));
        }
        Exception libvirtProblem = null;
        try {
            for (LibvirtGuest g : host.libvirt().list()) {
                all.add(libvirt(host.zfs().os(), g));
            }
        } catch (CommandException.NotInstalled | LibvirtException e) {
            libvirtProblem = e;
        }
        all.sort(Comparator.comparing((Guest g) -> g.name().toLowerCase(java.util.Locale.ROOT)));
        return new Result(all, vboxProblem, qemuProblem, libvirtProblem);
    }

    /** A libvirt guest; each disk's slot is its target ({@code vda}), the port its place in the definition. */
    static Guest libvirt(HostOs os, LibvirtGuest g) {
        List<GuestDisk> disks = new ArrayList<>();
        List<LibvirtDisk> all = g.domain().disks();
        for (int i = 0; i < all.size(); i++) {
            LibvirtDisk d = all.get(i);
            if (!d.isDisk()) {
                continue; // CD-ROMs and floppies are not the guest's disks
            }
            String path = d.hostPath() != null ? d.hostPath() : d.source() == null ? "" : d.source();
            boolean zvol = d.type() == LibvirtDisk.SourceType.BLOCK && os.zvolOf(path).isPresent();
            String slot = d.target() == null ? "disk" + i : d.target();
            disks.add(GuestDisk.of(os, slot, d.bus() == null ? "" : d.bus(), i, 0,
                    zvol ? GuestDisk.Kind.ZVOL : GuestDisk.Kind.IMAGE, path, zvol ? path : null, false));
        }
        LibvirtDomain dom = g.domain();
        return new Guest(Hypervisor.LIBVIRT, dom.uuid(), dom.name(), GuestState.of(g.state()), dom.vcpus(), dom.memoryMiB(),
                disks, null, null, g);
    }

    static Guest vbox(GuestHost host, VBoxVm vm) throws CommandException {
        List<GuestDisk> disks = new ArrayList<>();
        HostOs os = host.zfs().os();
        for (VBoxDisk d : host.vbox().disks(vm)) {
            StorageAttachment a = d.attachment();
            String slot = a.controller() + " " + a.port() + ":" + a.device();
            if (d.isRawVmdk()) {
                String dev = d.device().orElseThrow();
                boolean missing = host.vboxPaths().stat(dev).isEmpty();
                String locked = null;
                if (missing) { // gone, or only waiting for its key (Linux removes the node of a locked zvol)
                    java.util.Optional<ZvolFacts> zvol;
                    try {
                        zvol = new ZfsZvolLookup(host.zfs()).zvol(dev);
                    } catch (java.io.UncheckedIOException zfsUnreadable) {
                        zvol = java.util.Optional.empty(); // ZFS cannot be read: the device stays "missing"; Attach/Move say why
                    }
                    if (zvol.isPresent()) {
                        missing = false;
                        if (zvol.get().keyStatus() == ZvolFacts.KeyStatus.UNAVAILABLE) {
                            locked = zvol.get().encryptionRoot() == null ? zvol.get().dataset() : zvol.get().encryptionRoot();
                        }
                    }
                }
                GuestDisk disk = GuestDisk.of(os, slot, a.controller(), a.port(), a.device(), GuestDisk.Kind.RAW_VMDK, d.path(), dev,
                        missing, locked);
                // a differencing image over the raw VMDK: the VM's snapshots pin the zvol (the names, or the image itself)
                disks.add(d.isDifferencing() ? disk.pinnedBy(vm.snapshots().isEmpty() ? List.of(d.path()) : vm.snapshots()) : disk);
            } else if (os.zvolOf(d.path()).isPresent()) {
                disks.add(GuestDisk.of(os, slot, a.controller(), a.port(), a.device(), GuestDisk.Kind.ZVOL, d.path(), d.path(), false));
            } else {
                disks.add(GuestDisk.of(os, slot, a.controller(), a.port(), a.device(), GuestDisk.Kind.IMAGE, d.path(), null, false));
            }
        }
        return new Guest(Hypervisor.VIRTUALBOX, vm.uuid(), vm.name(), GuestState.of(vm.state()), vm.cpus(), vm.memoryMiB(),
                disks, vm, null, null);
    }

    static Guest qemu(HostOs os, QemuVmStatus s) {
        List<GuestDisk> disks = new ArrayList<>();
        List<QemuDrive> drives = s.definition().drives();
        for (int i = 0; i < drives.size(); i++) {
            QemuDrive q = drives.get(i);
            boolean zvol = q.backing() == QemuDrive.Backing.ZVOL;
            disks.add(GuestDisk.of(os, "disk" + i, "virtio", i, 0, zvol ? GuestDisk.Kind.ZVOL : GuestDisk.Kind.IMAGE, q.source(),
                    zvol ? q.source() : null, false));
        }
        return new Guest(Hypervisor.QEMU, s.name(), s.name(), GuestState.of(s.state()), s.definition().cpus(),
                s.definition().memoryMiB(), disks, null, s.definition(), null);
    }
}
