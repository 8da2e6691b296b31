package dev.sluice.ui.migration;

import dev.sluice.guest.DiskMoveRequest;
import java.util.List;
import java.util.function.Consumer;

/**
 * "Move to ▸ <another host> ▸ <pool>" in the Volumes and VMs menus: the other hosts Sluice knows, each with its pools
 * (asked when its submenu first opens), a pool picked there moved in one click (plan, one confirmation, progress),
 * or the wizard opened on that host for the options.
 */
public interface HostMoves {

    /** The hosts a move may go to besides the current one; cheap (the host list in memory). */
    List<MigrationTools.TargetHost> hosts();

    /** The pool names on {@code hostId}, asked in the background; {@code ok} or {@code failed} (why) on the UI side. */
    void pools(String hostId, Consumer<List<String>> ok, Consumer<String> failed);

    /** The wizard, its target host {@code hostId}. */
    void moveZvol(String zvol, String hostId);

    /** The wizard for a VM's disk, its target host {@code hostId}. */
    void moveDisk(DiskMoveRequest disk, String hostId);

    /** One click: {@code zvol} to {@code pool} on {@code hostId}. */
    void moveZvol(String zvol, String hostId, String pool);

    /** One click: a VM's disk to {@code pool} on {@code hostId}. */
    void moveDisk(DiskMoveRequest disk, String hostId, String pool);
}
