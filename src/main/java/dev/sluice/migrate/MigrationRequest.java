package dev.sluice.migrate;

import java.util.List;

/**
 * What the user asked for: move {@code sourceZvol} under {@code targetParent} (a pool or a dataset in
 * another pool). {@code guest} is the VM using the disk, if any; {@code hypervisorSnapshots} are the
 * VM's own snapshots that pin its disk (VirtualBox differencing images), which refuse the move.
 */
public record MigrationRequest(String sourceZvol, String targetParent, MigrationOptions options, GuestRef guest,
                               List<String> hypervisorSnapshots, String otherUser) {

    public MigrationRequest {
        hypervisorSnapshots = List.copyOf(hypervisorSnapshots);
    }

    public static MigrationRequest of(String sourceZvol, String targetParent, MigrationOptions options, GuestRef guest) {
        return new MigrationRequest(sourceZvol, targetParent, options, guest, List.of(), null);
    }

    public String targetName() {
        return targetParent + "/" + sourceZvol.substring(sourceZvol.lastIndexOf('/') + 1);
    }
}
