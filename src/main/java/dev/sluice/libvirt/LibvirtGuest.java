package dev.sluice.libvirt;

/**
 * A libvirt domain with its state. {@code persistent}: it has a definition that outlives a stop (a
 * transient domain's disks cannot be re-pointed: there is nothing to define).
 */
public record LibvirtGuest(LibvirtDomain domain, LibvirtState state, boolean persistent) {
}
