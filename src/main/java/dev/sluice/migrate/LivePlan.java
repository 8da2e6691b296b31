package dev.sluice.migrate;

import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The plan of a live move (a running QEMU guest whose QEMU can mirror): track writes, seed the target with the
 * zvol's whole snapshot history while the guest runs, verify the seed, copy the writes since and mirror, pivot.
 * No stop, no final snapshot: the seed is what VERIFY compares, and the mirror carries everything after it.
 */
final class LivePlan {
    private LivePlan() {
    }

    static MigrationRecord steps(MigrationRequest req, String source, String target, String hostId, GuestControl gc,
                                 List<Snapshot> own, String srcDev, String dstDev) throws ZfsException {
        MigrationOptions o = req.options();
        GuestRef guest = req.guest();
        String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        String tag = "sluice-" + id;
        String seed = source + "@" + MigrationPlanner.SNAPSHOT_PREFIX + id + "-seed";
        String history = own.isEmpty() ? "" : own.get(0).name();
        String drive = guest.slot();
        // "final" is the seed: the last snapshot both sides share, which VERIFY compares
        Map<String, String> p = Map.of("source", source, "target", target, "seed", seed, "final", seed,
                "sourceDevice", srcDev, "targetDevice", dstDev, "history", history, "drive", drive);

        List<MigrationStep> steps = new ArrayList<>();
        MigrationPlanner.add(steps, StepKind.LIVE_TRACK, t("migrate.step.liveTrack", gc.describe(), drive), p,
                List.of(qmp("block-dirty-bitmap-add", "{\"node\":\"" + drive + "\",\"name\":\"" + tag + "-dirty0\",\"persistent\":false}")));
        MigrationPlanner.add(steps, StepKind.PRESEED_SNAPSHOT, t("migrate.step.preseedSnapshot"), p,
                List.of(ZfsCommands.snapshot(List.of(seed)).argv()));
        MigrationPlanner.add(steps, StepKind.PRESEED_SEND, t(history.isEmpty() ? "migrate.step.preseedSend"
                : "migrate.step.preseedSendHistory", own.size()), p,
                MigrationPlanner.pipes(Transfers.of(StepKind.PRESEED_SEND, history, seed, seed, true), target, o));
        String seedTarget = target + seed.substring(seed.indexOf('@'));
        List<List<String>> verify = new ArrayList<>(List.of(ZfsCommands.properties(seed, "guid").argv(),
                ZfsCommands.properties(seedTarget, "guid").argv(),
                ZfsCommands.properties(source, "volsize").argv(), ZfsCommands.properties(target, "volsize").argv()));
        if (!own.isEmpty()) {
            verify.add(ZfsCommands.snapshots(source).argv());
            verify.add(ZfsCommands.snapshots(target).argv());
        }
        MigrationPlanner.add(steps, StepKind.VERIFY, t(own.isEmpty() ? "migrate.step.verify" : "migrate.step.verifyHistory"), p, verify);
        MigrationPlanner.add(steps, StepKind.LIVE_MIRROR, t("migrate.step.liveMirror", gc.describe(), dstDev), p, List.of(
                qmp("blockdev-add", "{\"driver\":\"host_device\",\"node-name\":\"" + tag + "-target\",\"filename\":\"" + dstDev + "\"}"),
                List.of("# " + t("migrate.step.liveRounds")),
                qmp("transaction", "[block-dirty-bitmap-add " + tag + "-dirtyN+1, blockdev-backup sync=bitmap bitmap="
                        + tag + "-dirtyN target=" + tag + "-target]"),
                qmp("stop", ""),
                qmp("blockdev-backup", "{\"sync\":\"bitmap\",\"bitmap\":\"" + tag + "-dirtyN\",\"target\":\"" + tag + "-target\"}"),
                qmp("blockdev-mirror", "{\"job-id\":\"" + tag + "-mirror\",\"device\":\"" + drive + "\",\"target\":\"" + tag
                        + "-target\",\"sync\":\"none\",\"copy-mode\":\"write-blocking\"}"),
                qmp("cont", "")));
        List<List<String>> pivot = new ArrayList<>();
        pivot.add(qmp("block-job-complete", "{\"device\":\"" + tag + "-mirror\"}"));
        pivot.addAll(gc.attachCommands(dstDev));
        MigrationPlanner.add(steps, StepKind.LIVE_PIVOT, t("migrate.step.livePivot", gc.describe(), dstDev), p, pivot);
        if (o.destroySource()) {
            List<List<String>> destroy = new ArrayList<>();
            destroy.add(List.of("# " + t("migrate.step.destroyRemoves", source)));
            for (Snapshot sn : own) {
                destroy.add(List.of("#   " + t("migrate.step.destroyCopied", sn.name())));
            }
            destroy.add(List.of("#   " + t("migrate.step.destroyOurs", seed)));
            destroy.add(ZfsCommands.destroy(source, DestroyFlags.RECURSIVE, false).argv());
            MigrationPlanner.add(steps, StepKind.DESTROY_SOURCE, t("migrate.step.destroySource", own.size()), p, destroy);
        }
        List<List<String>> cleanup = new ArrayList<>();
        cleanup.add(ZfsCommands.destroy(seedTarget, DestroyFlags.NONE, false).argv());
        if (!o.destroySource()) {
            cleanup.add(ZfsCommands.destroy(seed, DestroyFlags.NONE, false).argv());
        }
        MigrationPlanner.add(steps, StepKind.CLEAN_UP, t("migrate.step.cleanUpLive"), p, cleanup);
        return new MigrationRecord(id, hostId, Instant.now(), source, target, o, guest, MigrationState.PLANNED, steps,
                null, null, "");
    }

    /** A QMP command as the review page shows it: a comment line, since it goes to QEMU's socket, not a shell. */
    private static List<String> qmp(String command, String args) {
        return List.of("# qmp: " + command + (args.isEmpty() ? "" : " " + args));
    }

    private static String t(String key, Object... args) {
        return MigrationText.t(key, args);
    }
}
