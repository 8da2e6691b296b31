/**
 * VirtualBox through VBoxManage: VMs and their storage ({@code showvminfo --machinereadable}),
 * start/ACPI shutdown/power off, raw VMDKs for zvols, attach/detach, closemedium, and the raw
 * VMDK descriptors that tell which zvol a VM disk really is.
 *
 * <p>How this is verified: VirtualBox cannot be installed where Sluice is built. The parsers are
 * tested on samples written by hand from VirtualBox's output code (VBoxManageInfo.cpp) and
 * documentation (src/test/resources/fixtures/vbox/README.md says which); the service is tested
 * against a stateful fake VBoxManage (tests only) that enforces VirtualBox's rules with its error
 * texts. Descriptors Sluice writes (createType monolithicFlat) are read back by the real
 * {@code qemu-img}; VirtualBox's own fullDevice descriptors are parsed, and shown to be refused
 * by qemu-img. Nothing here has run against a real VirtualBox.
 */
package dev.sluice.vbox;
