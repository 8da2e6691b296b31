package dev.sluice.zfs;

import java.time.Instant;

/**
 * A filesystem or volume, from one {@code zfs list -Hp -o <columns>} line (see
 * {@link ZfsListParser#DATASET_COLUMNS}). Sizes in bytes; numbers ZFS shows as "-" are -1, texts
 * are null ({@code origin} of a non-clone, {@code mountpoint} of a volume, {@code encryptionRoot}
 * of an unencrypted dataset, {@code receiveResumeToken} when no partial receive is pending).
 * {@code guid} is a string: it is an unsigned 64-bit number.
 */
public record Dataset(String name, DatasetType type, long used, long available, long referenced, long volsize,
                      long volblocksize, String compression, String encryption, String encryptionRoot,
                      KeyStatus keyStatus, String origin, String mountpoint, boolean mounted, long refreservation,
                      String guid, long createtxg, Instant creation, String receiveResumeToken) {

    public boolean isVolume() {
        return type == DatasetType.VOLUME;
    }

    public boolean isEncrypted() {
        return encryption != null && !encryption.equals("off");
    }

    /** A clone's origin snapshot is set. */
    public boolean isClone() {
        return origin != null;
    }

    public String pool() {
        return ZfsNames.poolOf(name);
    }

    /** A receive -s was interrupted here and can be resumed. */
    public boolean hasPartialReceive() {
        return receiveResumeToken != null;
    }
}
