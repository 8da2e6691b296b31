package dev.sluice.guest;

/** Which program runs a guest. */
public enum Hypervisor { VIRTUALBOX, QEMU, LIBVIRT }
