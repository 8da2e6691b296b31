package dev.sluice.libvirt;

import java.util.List;

/**
 * A libvirt domain as its XML definition describes it. {@code domainType}: {@code kvm} or
 * {@code qemu} (TCG); {@code emulator}: the QEMU binary libvirt starts.
 */
public record LibvirtDomain(String uuid, String name, String domainType, String emulator, long memoryKiB, int vcpus,
                            List<LibvirtDisk> disks) {

    public LibvirtDomain {
        disks = List.copyOf(disks);
    }

    public int memoryMiB() {
        return (int) Math.min(Integer.MAX_VALUE, memoryKiB / 1024);
    }
}
