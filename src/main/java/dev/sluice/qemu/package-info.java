/**
 * QEMU on a host: qemu-img (info, create, resize, convert with progress, zvol import/export),
 * the image library, Sluice-defined VMs (JSON per host), qemu-system argv, QMP, lifecycle and
 * re-attach. Verified against real qemu-img and qemu-system-x86_64 (TCG, firmware only).
 */
package dev.sluice.qemu;
