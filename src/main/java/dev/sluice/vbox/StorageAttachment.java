package dev.sluice.vbox;

/**
 * One controller slot (port, device) and what is in it. {@code NONE}: nothing attached there;
 * {@code EMPTY_DRIVE}: a DVD/floppy drive with no medium; {@code MEDIUM}: {@code mediumPath}
 * and {@code mediumUuid} name it.
 */
public record StorageAttachment(String controller, int port, int device, Content content, DeviceType deviceType,
                                String mediumPath, String mediumUuid) {

    public enum Content { MEDIUM, EMPTY_DRIVE, NONE }

    public enum DeviceType { HDD, DVD, FLOPPY, NONE }

    public boolean isDisk() {
        return content == Content.MEDIUM && deviceType == DeviceType.HDD;
    }

    StorageAttachment withDeviceType(DeviceType t) {
        return new StorageAttachment(controller, port, device, content, t, mediumPath, mediumUuid);
    }

    StorageAttachment withUuid(String uuid) {
        return new StorageAttachment(controller, port, device, content, deviceType, mediumPath, uuid);
    }
}
