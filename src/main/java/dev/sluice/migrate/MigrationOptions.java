package dev.sluice.migrate;

import java.util.Map;

/**
 * The choices the wizard offers; the one-click path uses {@link #safeDefaults()}.
 *
 * @param preseed           send a full stream while the guest runs, then a short incremental after it stops
 * @param raw               {@code send -w}: an encrypted source stays encrypted, no key needed on the target
 * @param compressed        {@code send -c}: blocks travel as stored on disk
 * @param destroySource     destroy the source after verification (otherwise it is kept)
 * @param keepPartialTarget on failure or cancel, keep a partial target resumable ({@code receive -s}) instead of destroying it
 * @param receiveProperties {@code receive -o name=value}
 * @param live              move a running QEMU guest's disk without stopping it when its QEMU can (else stop and send,
 *                          with a note saying why)
 */
public record MigrationOptions(boolean preseed, boolean raw, boolean compressed, boolean destroySource,
                               boolean keepPartialTarget, Map<String, String> receiveProperties, boolean live) {

    public MigrationOptions {
        receiveProperties = Map.copyOf(receiveProperties);
    }

    /** Stop and send (no live move). */
    public MigrationOptions(boolean preseed, boolean raw, boolean compressed, boolean destroySource,
                            boolean keepPartialTarget, Map<String, String> receiveProperties) {
        this(preseed, raw, compressed, destroySource, keepPartialTarget, receiveProperties, false);
    }

    /** The one-click move: live where the guest's QEMU can, otherwise stop and send. */
    public static MigrationOptions safeDefaults() {
        return new MigrationOptions(true, false, true, false, false, Map.of(), true);
    }

    public MigrationOptions withKeepPartialTarget(boolean keep) {
        return new MigrationOptions(preseed, raw, compressed, destroySource, keep, receiveProperties, live);
    }

    public MigrationOptions withLive(boolean l) {
        return new MigrationOptions(preseed, raw, compressed, destroySource, keepPartialTarget, receiveProperties, l);
    }
}
