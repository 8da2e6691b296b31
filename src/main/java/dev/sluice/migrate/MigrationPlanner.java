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
    private final DeviceUse devices;
    private final MigrationTarget to;

    public MigrationPlanner(ZfsService zfs, Function<GuestRef, GuestControl> guests, String hostId) {
        this(zfs, guests, hostId, MigrationTarget.sameHost(hostId, zfs));
    }

    /** Plans moves to {@code to}: a pool of this host, or of another host along its route. */
    public MigrationPlanner(ZfsService zfs, Function<GuestRef, GuestControl> guests, String hostId, MigrationTarget to) {
        this.zfs = zfs;
        this.guests = guests;
        this.hostId = hostId;
        this.devices = new DeviceUse(zfs.runner());
        this.to = to;
    }

    private boolean crossHost() {
        return !to.isSameHost(hostId);
    }

    public MigrationRecord plan(MigrationRequest req) throws MigrationRefused, ZfsException, CommandException {
        String source = ZfsNames.requireDataset(req.sourceZvol());
        String parent = ZfsNames.requireDataset(req.targetParent());
        String target = ZfsNames.requireDataset(req.targetName());
        MigrationOptions o = req.options();
        List<String> refusals = new ArrayList<>();

        Optional<Dataset> src = zfs.dataset(source);
        Optional<Dataset> par = to.zfs().dataset(parent);
        if (src.isEmpty()) {
            refusals.add(t("migrate.refuse.noSource", source));
        } else if (!src.get().isVolume()) {
            refusals.add(t("migrate.refuse.notZvol", source));
        }
        if (par.isEmpty()) {
            refusals.add(t("migrate.refuse.noParent", parent));
        }
        if (to.zfs().dataset(target).isPresent()) {
            refusals.add(crossHost() ? t("migrate.refuse.targetTakenOn", target, to.hostName()) : t("migrate.refuse.targetTaken", target));
        }
        if (!crossHost() && ZfsNames.poolOf(source).equals(ZfsNames.poolOf(parent))) {
            refusals.add(t("migrate.refuse.samePool", ZfsNames.poolOf(source)));
        }
        if (!req.hypervisorSnapshots().isEmpty()) {
            refusals.add(t("migrate.refuse.vboxSnapshots", req.guest().vmName(), String.join(", ", req.hypervisorSnapshots())));
        }
        if (req.otherUser() != null) {
            refusals.add(t("migrate.refuse.inUse", req.otherUser()));
        }
        List<Snapshot> own = List.of();
        if (src.isPresent() && src.get().isVolume()) {
            own = zfs.snapshots(source).stream().filter(sn -> !sn.shortName().startsWith(SNAPSHOT_PREFIX)).toList();
            // a running guest holds its own disk open; anything else holding it makes the move unsafe
            boolean guestHoldsIt = req.guest().present() && req.guest().wasRunning();
            List<String> users = devices.users(zfs.os().zvolDevicePath(source), !guestHoldsIt);
            if (!users.isEmpty()) {
                refusals.add(t("migrate.refuse.deviceOpen", source, String.join(", ", users)));
            }
            if (o.destroySource()) {
                List<String> held = own.stream().filter(sn -> sn.userRefs() > 0).map(Snapshot::name).toList();
                if (!held.isEmpty()) {
                    refusals.add(t("migrate.refuse.held", String.join(", ", held)));
                }
            }
        }
        if (src.isPresent() && par.isPresent()) {
            Dataset s = src.get();
            Dataset p = par.get();
            if (s.isEncrypted() && s.keyStatus() == KeyStatus.UNAVAILABLE && !o.raw()) {
                refusals.add(t("migrate.refuse.sourceKey"));
            }
            if (p.isEncrypted() && p.keyStatus() == KeyStatus.UNAVAILABLE && !o.raw()) {
                refusals.add(t("migrate.refuse.parentKey", parent));
            }
            long need = spaceNeeded(s);
            if (p.available() >= 0 && need > p.available()) {
                refusals.add(t("migrate.refuse.space", human(p.available()), human(need), parent));
            }
            if (crossHost()) {
                refusals.addAll(featureRefusals(source, parent, o));
            }
        }
        GuestControl gc = GuestControl.NONE;
        if (req.guest().present()) {
            try {
                gc = guests.apply(req.guest());
                refusals.addAll(gc.planRefusals());
            } catch (ZfsException | CommandException e) {
                throw e;
            } catch (Exception e) {
                refusals.add(e.getMessage());
            }
        }
        if (!refusals.isEmpty()) {
            throw new MigrationRefused(refusals);
        }
        try {
            return steps(req, source, target, hostId, gc, own);
        } catch (ZfsException | CommandException e) {
            throw e;
        } catch (Exception e) {
            // the hypervisor cannot say how it would run the guest on the new disk: no plan without exact commands
            throw new MigrationRefused(List.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /**
     * What the stream needs that the target pool lacks: a feature the target's OpenZFS does not know (upgrade it,
     * or choose another pool), or one it knows but has disabled ({@code zpool set feature@x=enabled}).
     */
    private List<String> featureRefusals(String source, String parent, MigrationOptions o) throws ZfsException, CommandException {
        Map<String, String> props = new java.util.HashMap<>();
        for (var prop : zfs.properties(source, "volblocksize", "compression", "encryption")) {
            props.put(prop.name(), prop.value());
        }
        String pool = ZfsNames.poolOf(parent);
        Map<String, String> features = StreamFeatures.features(to.zfs().poolProperties(pool));
        List<String> out = new ArrayList<>();
        String version = to.zfs().version().userland();
        for (StreamFeatures.Missing m : StreamFeatures.missing(StreamFeatures.needs(props, o.raw(), o.compressed() && !o.raw()), features)) {
            out.add(m.known()
                    ? t("migrate.refuse.featureDisabled", source, m.need().because(), m.need().feature(), pool, to.hostName())
                    : t("migrate.refuse.featureUnknown", source, m.need().because(), m.need().feature(), to.hostName(), version));
        }
        return out;
    }

    /** The prefix of every snapshot a migration makes; the user's own snapshots never start with it. */
    public static final String SNAPSHOT_PREFIX = "sluice-mig-";

    static String t(String key, Object... args) {
        return MigrationText.t(key, args);
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

    private MigrationRecord steps(MigrationRequest req, String source, String target, String hostId, GuestControl gc,
                                  List<Snapshot> own) throws Exception {
        MigrationOptions o = req.options();
        GuestRef guest = req.guest();
        // a live move mirrors inside the guest's QEMU, which cannot open a zvol on another host
        LiveCheck live = o.live() && guest.present() && guest.wasRunning() && !crossHost() ? LiveCheck.of(guest, gc) : null;
        if (live != null && live.possible()) {
            return LivePlan.steps(req, source, target, hostId, gc, own, zfs.os().zvolDevicePath(source),
                    zfs.os().zvolDevicePath(target));
        }
        String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        String seed = source + "@" + SNAPSHOT_PREFIX + id + "-seed";
        String fin = source + "@" + SNAPSHOT_PREFIX + id + "-final";
        String srcDev = zfs.os().zvolDevicePath(source);
        String dstDev = to.zfs().os().zvolDevicePath(target);
        boolean preseed = o.preseed() && guest.present() && guest.wasRunning();
        String history = own.isEmpty() ? "" : own.get(0).name();
        Map<String, String> p = new java.util.HashMap<>(Map.of("source", source, "target", target, "seed", seed, "final", fin,
                "sourceDevice", srcDev, "targetDevice", dstDev, "history", history));
        if (crossHost()) {
            p.put(TARGET_HOST, to.hostId());
            p.put("route", to.route().describe());
        }
        List<List<String>> keyNote = o.raw() && crossHost() && zfs.dataset(source).map(Dataset::isEncrypted).orElse(false)
                ? List.of(List.of("# " + t("migrate.plan.keyOnTarget", to.hostName(), target))) : List.of();

        List<MigrationStep> steps = new ArrayList<>();
        if (preseed) {
            add(steps, StepKind.PRESEED_SNAPSHOT, t("migrate.step.preseedSnapshot"), p,
                    List.of(ZfsCommands.snapshot(List.of(seed)).argv()));
            add(steps, StepKind.PRESEED_SEND, t(history.isEmpty() ? "migrate.step.preseedSend" : "migrate.step.preseedSendHistory",
                    own.size()), p, pipes(Transfers.of(StepKind.PRESEED_SEND, history, seed, fin, true), target, o, to));
        }
        if (guest.present() && guest.wasRunning()) {
            String why = live != null ? live.why() : o.live() && crossHost() ? t("migrate.live.notAcrossHosts") : null;
            // asked for live, which this guest cannot do: the review says why before anything runs, and the record
            // keeps it (a comment line among the step's commands; the step's message is the run's)
            List<List<String>> stop = why == null ? gc.stopCommands()
                    : concat(List.of(List.of("# " + t("migrate.live.fallback", why).replace('\n', ' '))), gc.stopCommands());
            add(steps, StepKind.STOP_GUEST, t("migrate.step.stopGuest", gc.describe()), p, stop);
            if (why != null) {
                MigrationStep s = steps.get(steps.size() - 1);
                steps.set(s.index(), new MigrationStep(s.index(), s.kind(), s.title(), s.params(), s.commands(),
                        s.status(), t("migrate.live.fallback", why), null, null));
            }
        }
        if (guest.present()) {
            add(steps, StepKind.DETACH_DISK, t("migrate.step.detach", gc.describe()), p, gc.detachCommands(srcDev));
        }
        add(steps, StepKind.FINAL_SNAPSHOT, t("migrate.step.finalSnapshot"), p, List.of(ZfsCommands.snapshot(List.of(fin)).argv()));
        add(steps, StepKind.FINAL_SEND, t(preseed ? "migrate.step.finalSendChanges"
                        : history.isEmpty() ? "migrate.step.finalSend" : "migrate.step.finalSendHistory", own.size()), p,
                concat(pipes(Transfers.of(StepKind.FINAL_SEND, history, seed, fin, preseed), target, o, to), keyNote));
        String finTarget = target + fin.substring(fin.indexOf('@'));
        List<List<String>> verify = new ArrayList<>();
        List<List<String>> here = new ArrayList<>(List.of(ZfsCommands.properties(fin, "guid").argv(),
                ZfsCommands.properties(source, "volsize").argv()));
        List<List<String>> there = new ArrayList<>(List.of(ZfsCommands.properties(finTarget, "guid").argv(),
                ZfsCommands.properties(target, "volsize").argv()));
        if (!own.isEmpty()) {
            here.add(ZfsCommands.snapshots(source).argv());
            there.add(ZfsCommands.snapshots(target).argv());
        }
        if (crossHost()) {
            // each side on its own host: say which
            verify.add(List.of("# " + t("migrate.guest.onTarget", zfs.runner().host().displayName())));
            verify.addAll(here);
            verify.add(List.of("# " + t("migrate.guest.onTarget", to.hostName())));
            verify.addAll(there);
        } else {
            for (int i = 0; i < here.size(); i++) {
                verify.add(here.get(i));
                verify.add(there.get(i));
            }
        }
        add(steps, StepKind.VERIFY, t(own.isEmpty() ? "migrate.step.verify" : "migrate.step.verifyHistory"), p, verify);
        if (guest.present()) {
            add(steps, StepKind.REPOINT_DISK, t("migrate.step.repoint", gc.describe(), dstDev), p, gc.attachCommands(dstDev));
        }
        boolean manual = gc instanceof CrossHostGuest c && c.manual();
        if (guest.present() && guest.wasRunning() && !manual) {
            add(steps, StepKind.START_GUEST, t("migrate.step.startGuest", gc.describe()), p, gc.startCommands(dstDev));
        }
        if (o.destroySource()) {
            List<List<String>> destroy = new ArrayList<>();
            destroy.add(List.of("# " + t("migrate.step.destroyRemoves", source)));
            for (Snapshot sn : own) {
                destroy.add(List.of("#   " + t("migrate.step.destroyCopied", sn.name())));
            }
            if (preseed) {
                destroy.add(List.of("#   " + t("migrate.step.destroyOurs", seed)));
            }
            destroy.add(List.of("#   " + t("migrate.step.destroyOurs", fin)));
            destroy.add(ZfsCommands.destroy(source, DestroyFlags.RECURSIVE, false).argv());
            add(steps, StepKind.DESTROY_SOURCE, t("migrate.step.destroySource", own.size()), p, destroy);
        }
        List<List<String>> cleanup = new ArrayList<>();
        if (preseed) {
            cleanup.add(ZfsCommands.destroy(target + seed.substring(seed.indexOf('@')), DestroyFlags.NONE, false).argv());
            if (!o.destroySource()) {
                cleanup.add(ZfsCommands.destroy(seed, DestroyFlags.NONE, false).argv());
            }
        }
        if (!cleanup.isEmpty()) {
            add(steps, StepKind.CLEAN_UP, t("migrate.step.cleanUp"), p, cleanup);
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

    /** Each stream as one shell line on this host: {@code send ... | receive ...}. */
    static List<List<String>> pipes(List<SendSpec> sends, String target, MigrationOptions o) throws ZfsException {
        List<List<String>> out = new ArrayList<>();
        for (SendSpec s : sends) {
            out.add(List.of(ShellQuote.pipeline(List.of(ZfsCommands.send(options(s, o)).argv(),
                    ZfsCommands.receive(receiveSpec(target, o)).argv()))));
        }
        return out;
    }

    /** Each stream as one shell line: {@code send ... | receive ...}, with its ssh hops when it crosses hosts. */
    private static List<List<String>> pipes(List<SendSpec> sends, String target, MigrationOptions o, MigrationTarget to)
            throws ZfsException {
        List<List<String>> out = new ArrayList<>();
        if (!to.routeNote().isEmpty()) {
            out.add(List.of("# " + to.routeNote()));
        }
        for (SendSpec s : sends) {
            out.add(List.of(to.route().shell(ZfsCommands.send(options(s, o)), ZfsCommands.receive(receiveSpec(target, o)))));
        }
        return out;
    }

    private static List<List<String>> concat(List<List<String>> a, List<List<String>> b) {
        List<List<String>> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The step parameter naming the target host of a move to another host (absent on one host). */
    public static final String TARGET_HOST = "targetHost";

    /** Argv lists become quoted shell lines; one-element lists are lines already (pipelines, comments). */
    static void add(List<MigrationStep> steps, StepKind k, String title, Map<String, String> p, List<List<String>> cmds) {
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
