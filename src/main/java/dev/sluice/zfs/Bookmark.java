package dev.sluice.zfs;

import java.time.Instant;

/** {@code dataset#name}: a snapshot's position kept for incremental sends after the snapshot is gone. */
public record Bookmark(String name, String dataset, String shortName, String guid, long createtxg, Instant creation) {
}
