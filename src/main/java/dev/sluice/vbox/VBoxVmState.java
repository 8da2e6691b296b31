package dev.sluice.vbox;

/** {@code VMState} from showvminfo --machinereadable (VirtualBox's short state names). */
public enum VBoxVmState {
    POWEROFF("poweroff"), RUNNING("running"), PAUSED("paused"), SAVED("saved"), ABORTED("aborted"),
    STARTING("starting"), STOPPING("stopping"), SAVING("saving"), RESTORING("restoring"),
    GURU_MEDITATION("gurumeditation"), OTHER("");

    private final String machineName;

    VBoxVmState(String machineName) {
        this.machineName = machineName;
    }

    public static VBoxVmState of(String s) {
        for (VBoxVmState v : values()) {
            if (v != OTHER && v.machineName.equals(s)) {
                return v;
            }
        }
        return OTHER; // teleporting, livesnapshotting, ...: transient, shown as busy
    }

    /** A VM process exists: attachments cannot change and media stay locked. */
    public boolean isOnline() {
        return this == RUNNING || this == PAUSED || this == STARTING || this == STOPPING || this == SAVING
                || this == RESTORING || this == GURU_MEDITATION || this == OTHER;
    }
}
