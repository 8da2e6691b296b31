package dev.sluice.zfs;

/**
 * What {@code zfs send} sends. Build with {@link #full}, {@link #incremental},
 * {@link #withIntermediates} or {@link #resume}, then add options:
 * {@code SendSpec.incremental("tank/vm@a", "tank/vm@b").withRaw().withCompressed()}.
 *
 * @param snapshot the snapshot to send (null when resuming)
 * @param from incremental source (snapshot or bookmark, full name or {@code @short}); null for a full stream
 * @param intermediates {@code -I} (all snapshots between) instead of {@code -i}
 * @param raw {@code -w}: encrypted data as stored, no key needed, target stays encrypted
 * @param replicate {@code -R}: the dataset, its children and all their snapshots and properties
 * @param compressed {@code -c}: keep on-disk compression in the stream
 * @param largeBlocks {@code -L}: allow blocks over 128K
 * @param resumeToken {@code -t}: continue an interrupted receive
 */
public record SendSpec(String snapshot, String from, boolean intermediates, boolean raw, boolean replicate,
                       boolean compressed, boolean largeBlocks, String resumeToken) {

    public static SendSpec full(String snapshot) {
        return new SendSpec(snapshot, null, false, false, false, false, false, null);
    }

    public static SendSpec incremental(String from, String snapshot) {
        return new SendSpec(snapshot, from, false, false, false, false, false, null);
    }

    public static SendSpec withIntermediates(String from, String snapshot) {
        return new SendSpec(snapshot, from, true, false, false, false, false, null);
    }

    public static SendSpec resume(String token) {
        return new SendSpec(null, null, false, false, false, false, false, token);
    }

    public SendSpec withRaw() {
        return new SendSpec(snapshot, from, intermediates, true, replicate, compressed, largeBlocks, resumeToken);
    }

    public SendSpec withReplicate() {
        return new SendSpec(snapshot, from, intermediates, raw, true, compressed, largeBlocks, resumeToken);
    }

    public SendSpec withCompressed() {
        return new SendSpec(snapshot, from, intermediates, raw, replicate, true, largeBlocks, resumeToken);
    }

    public SendSpec withLargeBlocks() {
        return new SendSpec(snapshot, from, intermediates, raw, replicate, compressed, true, resumeToken);
    }

    public boolean isResume() {
        return resumeToken != null;
    }

    @Override
    public String toString() {
        return isResume() ? "SendSpec[resume]" : "SendSpec[" + (from == null ? "" : from + (intermediates ? " .. " : " -> ")) + snapshot + "]";
    }
}
