package dev.sluice.ui.volumes;

import java.util.Collection;
import java.util.List;

/**
 * Which VMs (VirtualBox, QEMU: every VM source the host's inventory knows), running or not, have a disk on
 * one of some zvols, so that a destroy never takes a guest's disk without saying so. The app supplies the
 * real one; {@link #NONE} knows no VMs.
 */
public interface DiskUsers {

    DiskUsers NONE = zvols -> List.of();

    /** One VM's disk on one zvol. {@code running}: the VM is running or paused, so the disk is open. */
    record User(String vm, String zvol, boolean running) {
    }

    /** The VMs with a disk on any of {@code zvols}. Runs in a background task. */
    List<User> using(Collection<String> zvols) throws Exception;
}
