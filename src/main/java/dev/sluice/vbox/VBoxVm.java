package dev.sluice.vbox;

import java.util.List;

/**
 * A VirtualBox VM from {@code showvminfo --machinereadable}: identity, state, controllers,
 * every slot of every controller ({@link StorageAttachment}) and the names of its VirtualBox
 * snapshots (the whole tree, each parent before its children).
 */
public record VBoxVm(String uuid, String name, VBoxVmState state, int cpus, int memoryMiB, String cfgFile,
                     List<StorageController> controllers, List<StorageAttachment> attachments, List<String> snapshots) {

    public VBoxVm {
        controllers = List.copyOf(controllers);
        attachments = List.copyOf(attachments);
        snapshots = List.copyOf(snapshots);
    }

    public VBoxVm(String uuid, String name, VBoxVmState state, int cpus, int memoryMiB, String cfgFile,
                  List<StorageController> controllers, List<StorageAttachment> attachments) {
        this(uuid, name, state, cpus, memoryMiB, cfgFile, controllers, attachments, List.of());
    }

    /** The VM's folder (where its .vbox file is): the default home of the raw VMDKs Sluice creates for it. */
    public String folder() {
        int slash = cfgFile == null ? -1 : cfgFile.lastIndexOf('/');
        return slash > 0 ? cfgFile.substring(0, slash) : "";
    }

    /** Hard disks with a medium: what the VMs view lists as the VM's disks. */
    public List<StorageAttachment> disks() {
        return attachments.stream().filter(StorageAttachment::isDisk).toList();
    }

    /** Slots with nothing attached, where a zvol can go. */
    public List<StorageAttachment> freeSlots(String controller) {
        return attachments.stream()
                .filter(a -> a.controller().equals(controller) && a.content() == StorageAttachment.Content.NONE).toList();
    }
}
