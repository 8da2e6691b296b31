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
 * by qemu-img. The real VBoxManage 7.2 runs in the {@code unstable} testbed guest ({@code VBoxRealIT},
 * captures in fixtures/vbox/7.2).
 *
 * <p>VBoxManage starts VBoxSVC, the per-user service, on demand, and VBoxSVC quits a few seconds after its
 * last client. On a loaded host its start can outlast VBoxManage's wait: "Failed to create the VirtualBox
 * object!" means the command never ran. {@link dev.sluice.vbox.VBoxService} tries such a command again after
 * a wait (that error only) and then reports {@link dev.sluice.vbox.VBoxException.ServiceNotStarted}.
 */
package dev.sluice.vbox;
