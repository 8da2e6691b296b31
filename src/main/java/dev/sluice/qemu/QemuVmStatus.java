package dev.sluice.qemu;

import java.util.OptionalLong;

/** A row of the VMs view: a definition with its current state and, while running, its pid. */
public record QemuVmStatus(QemuVmDefinition definition, QemuVmState state, OptionalLong pid) {
    public String name() {
        return definition.name();
    }
}
