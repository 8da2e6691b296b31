package dev.sluice.ui.vms;

import dev.sluice.guest.GuestDisk;
import dev.sluice.ui.common.I18n;

/** How a disk's backing reads in the VMs tree: "zvol fast/vm/web", "raw VMDK → zvol ...", "image". */
final class DiskText {
    private DiskText() {
    }

    static String backing(GuestDisk d) {
        return switch (d.kind()) {
            case ZVOL -> I18n.t("vms.backing.zvol", d.zvol().orElse(d.path()));
            case IMAGE -> I18n.t("vms.backing.image");
            case RAW_VMDK -> d.deviceMissing() ? I18n.t("vms.backing.rawVmdkMissing")
                    : d.keyNotLoaded() ? I18n.t("vms.backing.rawVmdkLocked", d.zvol().orElse(d.device()))
                    : I18n.t("vms.backing.rawVmdk", d.zvol().orElse(d.device()));
        };
    }

    static String path(GuestDisk d) {
        if (d.kind() == GuestDisk.Kind.RAW_VMDK) {
            return d.deviceMissing() ? I18n.t("vms.path.missing", d.device(), d.path())
                    : d.keyNotLoaded() ? I18n.t("vms.path.locked", d.device(), d.path()) : d.path() + "  →  " + d.device();
        }
        return d.path();
    }

    /** The flagged disk's problem and its fix, in the admin's words. */
    static String problem(GuestDisk d) {
        if (d.keyNotLoaded()) {
            return I18n.t("vms.disk.keyNotLoaded", d.path(), d.device(), d.zvol().orElse(d.device()), d.lockedKeyRoot());
        }
        return I18n.t("vms.disk.deviceMissing", d.path(), d.device());
    }
}
