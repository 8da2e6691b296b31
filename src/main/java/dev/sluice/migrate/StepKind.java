package dev.sluice.migrate;

/** What a migration step does, in the order a VM-aware zvol migration runs them. */
public enum StepKind {
    /** Snapshot the source while the guest still runs (incremental pre-seed). */
    PRESEED_SNAPSHOT,
    /** Full send of the pre-seed snapshot to the target, resumable. */
    PRESEED_SEND,
    STOP_GUEST,
    /** VirtualBox: detach the raw VMDK and close it; QEMU: nothing to detach while stopped. */
    DETACH_DISK,
    FINAL_SNAPSHOT,
    /** The final send: incremental from the pre-seed, or full when there was none. */
    FINAL_SEND,
    /** Snapshot guid on the target equals the source's; volsize equal. */
    VERIFY,
    /** VirtualBox: new raw VMDK on the target device, reattach; QEMU: drive re-pointed. */
    REPOINT_DISK,
    START_GUEST,
    /** Optional, last, after verification: the point of no return. */
    DESTROY_SOURCE,
    /** Removes Sluice's migration snapshots from the target (and the source when it is kept). */
    CLEAN_UP,
    /** Live move of a running QEMU guest: a dirty bitmap on the drive, before the seed snapshot, records every later write. */
    LIVE_TRACK,
    /** Live: copy what the bitmap marks onto the target while the guest runs, pause it for the last round, start the mirror. */
    LIVE_MIRROR,
    /** Live: the mirror completes and the running guest's drive switches to the target; the VM definition follows. */
    LIVE_PIVOT
}
