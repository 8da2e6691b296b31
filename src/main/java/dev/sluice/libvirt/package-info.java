/**
 * libvirt guests through {@code virsh} on the system connection ({@code qemu:///system}): every
 * domain with its state ({@code domstats --state}, one call for the whole host) and its disks
 * ({@code dumpxml}, parsed as XML with the JDK's parser), start, ACPI shutdown and force off
 * ({@code virsh destroy}), per-drive I/O counters ({@code domstats --block}), and a disk re-pointed
 * in the persistent definition ({@code dumpxml --inactive}, changed, {@code define} from stdin, read
 * back). A host without virsh has no libvirt guests; that is not an error.
 *
 * <p>virsh runs as the user Sluice connects as, never through sudo: the system connection is open to
 * root and to members of the {@code libvirt} group (or whoever its polkit rule admits), as for
 * virt-manager.
 */
package dev.sluice.libvirt;
