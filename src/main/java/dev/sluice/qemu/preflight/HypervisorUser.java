package dev.sluice.qemu.preflight;

import java.util.Set;

/** The user a hypervisor runs as on the host (the connected user): uid and every group id. */
public record HypervisorUser(String name, int uid, Set<Integer> gids) {
    public HypervisorUser {
        gids = Set.copyOf(gids);
    }
}
