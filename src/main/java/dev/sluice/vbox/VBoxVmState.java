package dev.sluice.vbox;

/**
 * {@code VMState} from showvminfo --machinereadable: every short name VBoxManage 6.1-7.2 prints
 * (its {@code machineStateToName}). Three kinds: offline (no VM process, the disks can change),
 * online (a VM process holds the disks), and offline but busy (VirtualBox is taking, restoring or
 * deleting a snapshot, or setting the VM up: no process, yet the session is locked).
 */
public enum VBoxVmState {
    POWEROFF("poweroff", Kind.OFFLINE), SAVED("saved", Kind.OFFLINE), TELEPORTED("teleported", Kind.OFFLINE),
    ABORTED("aborted", Kind.OFFLINE), ABORTED_SAVED("aborted-saved", Kind.OFFLINE),
    RUNNING("running", Kind.ONLINE), PAUSED("paused", Kind.ONLINE), GURU_MEDITATION("gurumeditation", Kind.ONLINE),
    TELEPORTING("teleporting", Kind.ONLINE), LIVE_SNAPSHOTTING("livesnapshotting", Kind.ONLINE),
    STARTING("starting", Kind.ONLINE), STOPPING("stopping", Kind.ONLINE), SAVING("saving", Kind.ONLINE),
    RESTORING("restoring", Kind.ONLINE), TELEPORTING_PAUSED("teleportingpausedvm", Kind.ONLINE),
    TELEPORTING_IN("teleportingin", Kind.ONLINE), DELETING_SNAPSHOT_LIVE("deletingsnapshotlive", Kind.ONLINE),
    DELETING_SNAPSHOT_LIVE_PAUSED("deletingsnapshotlivepaused", Kind.ONLINE),
    ONLINE_SNAPSHOTTING("onlinesnapshotting", Kind.ONLINE),
    RESTORING_SNAPSHOT("restoringsnapshot", Kind.BUSY), DELETING_SNAPSHOT("deletingsnapshot", Kind.BUSY),
    SETTING_UP("settingup", Kind.BUSY), SNAPSHOTTING("snapshotting", Kind.BUSY),
    /** "unknown", or a name a newer VirtualBox adds: treated as busy, never as safe to change. */
    OTHER("", Kind.BUSY);

    private enum Kind { OFFLINE, ONLINE, BUSY }

    private final String machineName;
    private final Kind kind;

    VBoxVmState(String machineName, Kind kind) {
        this.machineName = machineName;
        this.kind = kind;
    }

    public static VBoxVmState of(String s) {
        for (VBoxVmState v : values()) {
            if (v != OTHER && v.machineName.equals(s)) {
                return v;
            }
        }
        return OTHER;
    }

    /** The name VBoxManage prints. */
    public String machineName() {
        return machineName;
    }

    /** A VM process exists: attachments cannot change and media stay locked. */
    public boolean isOnline() {
        return kind == Kind.ONLINE;
    }

    /** No VM process, but VirtualBox is working on the VM (snapshot, set-up): wait, do not change it. */
    public boolean isBusy() {
        return kind == Kind.BUSY;
    }

    /** No process and nothing in progress: disks can be attached, detached and re-created. */
    public boolean isOffline() {
        return kind == Kind.OFFLINE;
    }
}
