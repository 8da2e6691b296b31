package dev.sluice.ui.pools;

import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.zfs.Health;
import dev.sluice.zfs.Pool;
import dev.sluice.zfs.PoolStatus;
import dev.sluice.zfs.ScrubState;
import dev.sluice.zfs.Vdev;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One pool as the Pools view shows it: the numbers from {@code zpool list}, the tree and scan from
 * {@code zpool status}, and the judgements the view colours by (capacity level, health). Immutable:
 * a refresh makes new items.
 */
public record PoolItem(Pool pool, PoolStatus status) {

    /** How full a pool is, for the capacity bar's colour. */
    public enum CapacityLevel { NORMAL, WARNING, CRITICAL }

    /** ZFS slows down past 80 % full and gets into real trouble past 95 %. */
    public static final int WARNING_PERCENT = 80;
    public static final int CRITICAL_PERCENT = 95;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    public String name() {
        return pool.name();
    }

    public Health health() {
        return status != null && status.state() != Health.UNKNOWN ? status.state() : pool.health();
    }

    public double capacityFraction() {
        return pool.size() <= 0 ? 0 : Math.min(1.0, (double) pool.allocated() / pool.size());
    }

    public CapacityLevel capacityLevel() {
        int cap = pool.capacityPercent();
        return cap >= CRITICAL_PERCENT ? CapacityLevel.CRITICAL
                : cap >= WARNING_PERCENT ? CapacityLevel.WARNING : CapacityLevel.NORMAL;
    }

    public String capacityText() {
        return I18n.t("pools.capacity.text", Sizes.human(pool.allocated()), Sizes.human(pool.size()),
                pool.capacityPercent(), Sizes.human(pool.free()));
    }

    public String fragmentationText() {
        return pool.fragmentationPercent() < 0 ? "—" : pool.fragmentationPercent() + " %";
    }

    public String dedupText() {
        return String.format(Locale.ROOT, "%.2f×", pool.dedupRatio());
    }

    public Vdev vdevRoot() {
        return status == null ? null : status.root();
    }

    /** ZFS's own "status:" and "action:" texts when the pool is not healthy (2.3+), else null. */
    public String problemText() {
        if (status == null || status.status() == null || status.status().isBlank()) {
            return null;
        }
        String s = squash(status.status());
        return status.action() == null ? s : s + " " + squash(status.action());
    }

    public ScrubState scan() {
        return status == null ? ScrubState.UNAVAILABLE : status.scan();
    }

    public boolean scrubRunning() {
        ScrubState s = scan();
        return s.running() && s.function() == ScrubState.Function.SCRUB;
    }

    public boolean canStartScrub() {
        // a resilver or a running scrub must finish first; zpool refuses otherwise
        return !scan().running() && health() != Health.FAULTED && health() != Health.SUSPENDED;
    }

    public boolean canStopScrub() {
        return scrubRunning();
    }

    /** -1 when nothing is running (the bar is hidden) or progress is unknown. */
    public double scanFraction() {
        return scan().running() ? scan().fraction() : -1;
    }

    /** One line about the last or current scrub/resilver. */
    public String scanText() {
        ScrubState s = scan();
        String what = s.function() == ScrubState.Function.RESILVER ? I18n.t("pools.scan.resilver") : I18n.t("pools.scan.scrub");
        return switch (s.state()) {
            case UNKNOWN -> I18n.t("pools.scan.unavailable");
            case NONE -> I18n.t("pools.scan.never");
            case SCANNING, ERRORSCRUBBING -> I18n.t(s.paused() ? "pools.scan.paused" : "pools.scan.running", what,
                    Sizes.percent(s.fraction()), Sizes.human(s.issued()), Sizes.human(s.toExamine()), when(s.started()));
            case FINISHED -> I18n.t("pools.scan.finished", what, when(s.ended()), s.errors());
            case CANCELED -> I18n.t("pools.scan.canceled", what, when(s.ended()));
        };
    }

    private static String when(Instant t) {
        return t == null ? "—" : WHEN.format(t);
    }

    private static String squash(String zfsText) {
        return zfsText.replaceAll("\\s+", " ").strip();
    }
}
