package dev.sluice.migrate;

import dev.sluice.host.CommandException;
import dev.sluice.host.ShellQuote;
import dev.sluice.zfs.Dataset;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.KeyStatus;
import dev.sluice.zfs.ReceiveSpec;
import dev.sluice.zfs.SendSpec;
import dev.sluice.zfs.Snapshot;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsException;
import dev.sluice.zfs.ZfsNames;
import dev.sluice.zfs.ZfsService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Turns a {@link MigrationRequest} into a reviewed plan: checks everything that would make it fail
 * (and refuses before anything changes), then lists every step with the exact commands it will run.
 */
public final class MigrationPlanner {
    private final ZfsService zfs;
    private final Function<GuestRef, GuestControl> guests;
    private final String hostId;

    public MigrationPlanner(ZfsService zfs, Function<GuestRef, GuestControl> guests, String hostId) {
        this.zfs = zfs;
        this.guests = guests;
        this.hostId = hostId;
    }

    public MigrationRecord plan(MigrationRequest req) throws MigrationRefused, ZfsException, CommandException {
        String source = ZfsNames.requireDataset(req.sourceZvol());
        String parent = ZfsNames.requireDataset(req.targetParent());
        String target = ZfsNames.requireDataset(req.targetName());
        MigrationOptions o = req.options();
        List<String> refusals = new ArrayList<>();

        Optional<Dataset> src = zfs.dataset(source);
        Optional<Dataset> par = zfs.dataset(parent);
        if (src.isEmpty()) {
            refusals.add("The source '" + source + "' does not exist. Refresh the Volumes view and pick it again.");
        } else if (!src.get().isVolume()) {
            refusals.add("'" + source + "' is a filesystem, not a zvol. The migration wizard moves zvols (VM disks).");
        }
        if (par.isEmpty()) {
            refusals.add("The target parent '" + parent + "' does not exist. Create it first (zfs create " + parent + ") or pick another.");
        }
        if (zfs.dataset(target).isPresent()) {
            refusals.add("The target name '" + target + "' is taken. Pick another parent, or rename or destroy the existing dataset first.");
        }
        if (ZfsNames.poolOf(source).equals(ZfsNames.poolOf(parent))) {
            refusals.add("Source and target are in the same pool '" + ZfsNames.poolOf(source)
                    + "'. Nothing needs copying: use zfs rename to move it within a pool.");
        }
        if (!req.hypervisorSnapshots().isEmpty()) {
            refusals.add(req.guest().vmName() + " has hypervisor snapshots (" + String.join(", ", req.hypervisorSnapshots())
                    + ") that pin this disk. Delete or merge them in VirtualBox first: a raw disk with differencing images cannot be re-pointed.");
        }
        if (req.otherUser() != null) {
            refusals.add("The zvol is in use by " + req.otherUser() + ". Stop it first, or migrate that VM's disk instead.");
        }
        if (src.isPresent() && par.isPresent()) {
            Dataset s = src.get();
            Dataset p = par.get();
            if (s.isEncrypted() && s.keyStatus() == KeyStatus.UNAVAILABLE && !o.raw()) {
                refusals.add("The source is encrypted and its key is not loaded. Load the key (Volumes → Load key), "
                        + "or choose a raw send, which copies the encrypted blocks without the key.");
            }
            if (p.isEncrypted() && p.keyStatus() == KeyStatus.UNAVAILABLE && !o.raw()) {
                refusals.add("The target parent '" + parent + "' is encrypted and its key is not loaded. Load it first: "
                        + "the received zvol inherits the parent's encryption.");
            }
            long need = spaceNeeded(s);
            if (p.available() >= 0 && need > p.available()) {
                refusals.add(String.format("The target has %s free, the zvol needs about %s. Free space on '%s' or pick a larger pool.",
                        human(p.available()), human(need), parent));
            }
        }
        if (!refusals.isEmpty()) {
            throw new MigrationRefused(refusals);
        }
        return steps(req, source, target, hostId);
    }

    /** What the target must hold: the data (estimated from the newest snapshot's stream when there is one) or the reservation. */
    private long spaceNeeded(Dataset s) throws ZfsException, CommandException {
        long data = s.referenced();
        List<Snapshot> snaps = zfs.snapshots(s.name());
        if (!snaps.isEmpty()) {
            Snapshot newest = snaps.get(snaps.size() - 1);
            data = Math.max(data, zfs.sendEstimate(SendSpec.full(newest.name())).totalBytes());
        }
        return Math.max(data, s.refreservation());
    }

    private MigrationRecord steps(MigrationRequest req, String source, String target, String hostId)
            throws ZfsException {
        MigrationOptions o = req.options();
        GuestRef guest = req.guest();
        GuestControl gc = guest.present() ? guests.apply(guest) : GuestControl.NONE;
        String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        String seed = source + "@sluice-mig-" + id + "-seed";
        String fin = source + "@sluice-mig-" + id + "-final";
        String srcDev = zfs.os().zvolDevicePath(source);
        String dstDev = zfs.os().zvolDevicePath(target);
        boolean preseed = o.preseed() && guest.present() && guest.wasRunning();
        Map<String, String> p = Map.of("source", source, "target", target, "seed", seed, "final", fin,
                "sourceDevice", srcDev, "targetDevice", dstDev);

        List<MigrationStep> steps = new ArrayList<>();
        if (preseed) {
            add(steps, StepKind.PRESEED_SNAPSHOT, "Snapshot the source while the guest runs", p,
                    List.of(ZfsCommands.snapshot(List.of(seed)).argv()));
            add(steps, StepKind.PRESEED_SEND, "Send the bulk of the data while the guest runs", p,
                    pipe(send(SendSpec.full(seed), o), receive(target, o)));
        }
        if (guest.present() && guest.wasRunning()) {
            add(steps, StepKind.STOP_GUEST, "Stop " + gc.describe(), p, gc.stopCommands());
        }
        if (guest.present()) {
            add(steps, StepKind.DETACH_DISK, "Detach the disk from " + gc.describe(), p, gc.detachCommands(srcDev));
        }
        add(steps, StepKind.FINAL_SNAPSHOT, "Final snapshot of the source", p, List.of(ZfsCommands.snapshot(List.of(fin)).argv()));
        add(steps, StepKind.FINAL_SEND, preseed ? "Send what changed since the first snapshot" : "Send the zvol", p,
                pipe(send(preseed ? SendSpec.incremental(seed, fin) : SendSpec.full(fin), o), receive(target, o)));
        String finTarget = target + fin.substring(fin.indexOf('@'));
        add(steps, StepKind.VERIFY, "Verify: same snapshot guid and volsize on both sides", p,
                List.of(ZfsCommands.properties(fin, "guid").argv(), ZfsCommands.properties(finTarget, "guid").argv(),
                        ZfsCommands.properties(source, "volsize").argv(), ZfsCommands.properties(target, "volsize").argv()));
        if (guest.present()) {
            add(steps, StepKind.REPOINT_DISK, "Point " + gc.describe() + " at " + dstDev, p, gc.attachCommands(dstDev));
        }
        if (guest.present() && guest.wasRunning()) {
            add(steps, StepKind.START_GUEST, "Start " + gc.describe(), p, gc.startCommands());
        }
        if (o.destroySource()) {
            add(steps, StepKind.DESTROY_SOURCE, "Destroy the source and its snapshots", p,
                    List.of(ZfsCommands.destroy(source, DestroyFlags.RECURSIVE, false).argv()));
        }
        List<List<String>> cleanup = new ArrayList<>();
        if (preseed) {
            cleanup.add(ZfsCommands.destroy(target + seed.substring(seed.indexOf('@')), DestroyFlags.NONE, false).argv());
            if (!o.destroySource()) {
                cleanup.add(ZfsCommands.destroy(seed, DestroyFlags.NONE, false).argv());
            }
        }
        if (!cleanup.isEmpty()) {
            add(steps, StepKind.CLEAN_UP, "Remove the first migration snapshot (the final one stays as the common base)", p, cleanup);
        }
        return new MigrationRecord(id, hostId, Instant.now(), source, target, o, guest, MigrationState.PLANNED, steps,
                null, null, "");
    }

    static SendSpec options(SendSpec s, MigrationOptions o) {
        SendSpec out = s;
        if (o.raw()) {
            out = out.withRaw();
        }
        if (o.compressed() && !o.raw()) {
            out = out.withCompressed();
        }
        return out;
    }

    static ReceiveSpec receiveSpec(String target, MigrationOptions o) {
        ReceiveSpec r = ReceiveSpec.into(target);
        for (Map.Entry<String, String> e : o.receiveProperties().entrySet()) {
            r = r.withProperty(e.getKey(), e.getValue());
        }
        return r;
    }

    private static List<String> send(SendSpec s, MigrationOptions o) throws ZfsException {
        return ZfsCommands.send(options(s, o)).argv();
    }

    private static List<String> receive(String target, MigrationOptions o) throws ZfsException {
        return ZfsCommands.receive(receiveSpec(target, o)).argv();
    }

    /** A pipeline as one shell line: {@code send ... | receive ...}. */
    private static List<List<String>> pipe(List<String> send, List<String> receive) {
        return List.of(List.of(ShellQuote.pipeline(List.of(send, receive))));
    }

    /** Argv lists become quoted shell lines; one-element lists are lines already (pipelines, comments). */
    private static void add(List<MigrationStep> steps, StepKind k, String title, Map<String, String> p, List<List<String>> cmds) {
        List<String> lines = cmds.stream().map(c -> c.size() == 1 && (c.get(0).contains(" | ") || c.get(0).startsWith("#"))
                ? c.get(0) : ShellQuote.join(c)).toList();
        steps.add(MigrationStep.planned(steps.size(), k, title, p, lines));
    }

    static String human(long bytes) {
        String[] u = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format("%.1f %s", v, u[i]);
    }
}
