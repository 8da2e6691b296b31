package dev.sluice.zfs;

import java.time.Instant;

/**
 * A user hold on a snapshot ({@code zfs hold TAG SNAP}). {@code created} is exact from
 * {@code zfs holds -Hp} (OpenZFS 2.2+); on 2.1 only {@code zfs holds -H} exists, whose timestamp is
 * human text in the host's locale, so {@code created} is null there and {@code createdText} holds
 * that text verbatim.
 */
public record Hold(String snapshot, String tag, Instant created, String createdText) {
}
