package dev.sluice.ui.migration;

import dev.sluice.guest.DiskMoveRequest;
import java.util.List;

/**
 * "Move to ▸ <another host>…" in the Volumes and VMs menus: the other hosts Sluice knows, and the wizard opened
 * on one of them (its pools listed there, the route probed) for a zvol or a VM's disk.
 */
public interface HostMoves {

    /** The hosts a move may go to besides the current one; cheap (the host list in memory). */
    List<MigrationTools.TargetHost> hosts();

    void moveZvol(String zvol, String hostId);

    void moveDisk(DiskMoveRequest disk, String hostId);
}
