package dev.sluice.migrate;

import dev.sluice.qemu.live.LiveDriveMove;
import dev.sluice.qemu.live.LiveSupport;

/**
 * A guest whose disk can move while it runs (a Sluice-defined QEMU guest whose QEMU can mirror a drive). The
 * {@link GuestControl} side still serves the stop-and-send path and every roll back.
 */
public interface LiveGuest extends GuestControl {

    /** What the running guest's QEMU can do, from its QMP schema; blocking. */
    LiveSupport liveSupport() throws Exception;

    /** The QMP side of moving {@code drive} (the drive id, {@link GuestRef#slot()}), its names tagged with {@code tag}. */
    LiveDriveMove liveMove(String drive, String tag) throws Exception;

    /** QEMU's {@code aio} for the target device: the same as the drive has now. */
    String aio();
}
