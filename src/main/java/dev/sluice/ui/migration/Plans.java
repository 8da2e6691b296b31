package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationOptions;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRefused;
import dev.sluice.migrate.MigrationRequest;
import dev.sluice.migrate.MigrationText;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.ZfsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plans for some sources, or every reason the planner refused any of them: nothing runs unless
 * all disks of a VM can move.
 */
public record Plans(List<MigrationRecord> plans, List<String> refusals) {

    public Plans {
        plans = List.copyOf(plans);
        refusals = List.copyOf(refusals);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** Plans each source under {@code parent}; blocking. */
    public static Plans make(MigrationTools tools, List<MigrationSource> sources, String parent, MigrationOptions options)
            throws Exception {
        List<MigrationRecord> plans = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (MigrationSource given : sources) {
            MigrationSource s = given;
            List<MigrationSource> users = tools.users().of(s.zvol());
            String otherUser = users.stream().filter(u -> !u.guest().vmId().equals(given.guest().vmId()))
                    .map(u -> u.guest().vmName()).findFirst().orElse(null);
            if (!s.guest().present()) {
                // whatever the entry point (Volumes, the wizard's picker), a zvol a VM uses moves VM-aware, or not at all
                otherUser = null;
                if (users.size() > 1) {
                    refusals.add(MigrationText.t("migrate.refuse.severalVms", s.zvol(),
                            String.join(", ", users.stream().map(u -> u.guest().vmName()).toList())));
                    continue;
                }
                if (users.size() == 1) {
                    s = users.get(0);
                }
            }
            try {
                plans.add(tools.planner().plan(new MigrationRequest(s.zvol(), parent, options, s.guest(),
                        s.hypervisorSnapshots(), otherUser)));
            } catch (MigrationRefused e) {
                for (String r : e.reasons()) {
                    refusals.add(sources.size() > 1 ? s.zvol() + ": " + r : r);
                }
            }
        }
        return refusals.isEmpty() ? new Plans(plans, List.of()) : new Plans(List.of(), refusals);
    }

    /**
     * The source as the planner sees it: a zvol picked without its VM (Volumes, the wizard's picker) moves with the
     * one VM that uses it. Blocking (asks the hypervisors). The wizard's live check and {@link #make} both use this.
     */
    public static MigrationSource withItsGuest(MigrationTools tools, MigrationSource s) throws Exception {
        if (s.guest().present()) {
            return s;
        }
        List<MigrationSource> users = tools.users().of(s.zvol());
        return users.size() == 1 ? users.get(0) : s;
    }

    /**
     * Where "Move to pool ▸ tank" puts {@code rpool/vm/web-disk0}: under the same parent path in the new pool
     * ({@code tank/vm}) when that exists, otherwise at the top of the pool.
     */
    public static String parentIn(ZfsService zfs, String zvol, String pool) throws Exception {
        int first = zvol.indexOf('/');
        int last = zvol.lastIndexOf('/');
        if (first > 0 && last > first) {
            String same = pool + zvol.substring(first, last);
            Optional<Dataset> d = zfs.dataset(same);
            if (d.isPresent() && !d.get().isVolume()) {
                return same;
            }
        }
        return pool;
    }

    /** What the copy will take on the target, as the planner counts it: the newest snapshot's stream, the data, or the reservation. */
    public static long estimate(ZfsService zfs, Dataset zvol) throws Exception {
        long data = zvol.referenced();
        List<Snapshot> snaps = zfs.snapshots(zvol.name());
        if (!snaps.isEmpty()) {
            data = Math.max(data, zfs.sendEstimate(SendSpec.full(snaps.get(snaps.size() - 1).name())).totalBytes());
        }
        return Math.max(data, zvol.refreservation());
    }
}
