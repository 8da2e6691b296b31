package dev.sluice.ui.volumes;

import dev.sluice.ui.common.I18n;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.KeyStatus;
import dev.sluice.zfs.ZfsNames;

/**
 * One filesystem or volume as the Volumes tree shows it. Sizes stay raw bytes (columns sort by them
 * and format them for display); the texts here are what the type and encryption columns say.
 */
public record DatasetRow(Dataset dataset) {

    public String name() {
        return dataset.name();
    }

    /** The last path component: what the tree shows under its parent. */
    public String shortName() {
        String n = dataset.name();
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** The parent dataset's name, or null for a pool's root dataset. */
    public String parentName() {
        return ZfsNames.parentOf(dataset.name());
    }

    public boolean isVolume() {
        return dataset.isVolume();
    }

    public boolean isPoolRoot() {
        return parentName() == null;
    }

    public String typeText() {
        return I18n.t(isVolume() ? "volumes.type.volume" : "volumes.type.filesystem");
    }

    public String compressionText() {
        return dataset.compression() == null ? "—" : dataset.compression();
    }

    /** "off", or the cipher and whether its key is loaded ("aes-256-gcm, key not loaded"). */
    public String encryptionText() {
        if (!dataset.isEncrypted()) {
            return I18n.t("volumes.encryption.off");
        }
        String key = switch (dataset.keyStatus()) {
            case AVAILABLE -> I18n.t("volumes.key.loaded");
            case UNAVAILABLE -> I18n.t("volumes.key.notLoaded");
            case NONE -> "";
        };
        return key.isEmpty() ? dataset.encryption() : dataset.encryption() + ", " + key;
    }

    /**
     * Keys are loaded and unloaded at the encryption root only; a child that inherits its key says
     * so rather than offering the action.
     */
    public boolean isEncryptionRoot() {
        return dataset.isEncrypted() && dataset.name().equals(dataset.encryptionRoot());
    }

    public boolean canLoadKey() {
        return isEncryptionRoot() && dataset.keyStatus() == KeyStatus.UNAVAILABLE;
    }

    public boolean canUnloadKey() {
        return isEncryptionRoot() && dataset.keyStatus() == KeyStatus.AVAILABLE;
    }

    /** True when this row or a descendant's name contains {@code needle} (lower case). */
    public boolean matches(String needle) {
        return needle.isEmpty() || dataset.name().toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
