package dev.sluice.vbox;

import java.util.Optional;

/**
 * A VM disk and what really backs it: an image file, or a raw VMDK whose extent is a device
 * (usually a zvol). {@code descriptor} is empty for images that are not text descriptors.
 * {@code differencingBase}: when the slot holds a differencing image (VirtualBox snapshots of a disk that is
 * not writethrough), the raw VMDK at the root of its chain, whose descriptor is then {@code descriptor}:
 * the VM still reads that device, and its snapshots pin it there.
 */
public record VBoxDisk(StorageAttachment attachment, Optional<RawVmdkDescriptor> descriptor, Optional<String> differencingBase) {

    public VBoxDisk(StorageAttachment attachment, Optional<RawVmdkDescriptor> descriptor) {
        this(attachment, descriptor, Optional.empty());
    }

    public boolean isDifferencing() {
        return differencingBase.isPresent();
    }

    /** The device behind a raw VMDK ({@code /dev/zvol/tank/vm/disk0}), if this disk is one. */
    public Optional<String> device() {
        return descriptor.filter(RawVmdkDescriptor::isRawDisk).flatMap(RawVmdkDescriptor::device);
    }

    public boolean isRawVmdk() {
        return device().isPresent();
    }

    public String path() {
        return attachment.mediumPath();
    }
}
