package dev.sluice.zfs;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.StreamRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * ZFS on one host, as typed records. Every method blocks: call it from a BackgroundTask, never the
 * FX thread. Names are validated before anything runs ({@link InvalidZfsNameException}); a failed
 * command becomes a {@link ZfsCommandException} whose message tells the user what to do; transport
 * problems (not installed, ssh, sudo refused, cancelled) stay {@link CommandException}s.
 *
 * <p>Version differences are handled here, once: the OpenZFS version ({@code zfs version}) is read
 * on first need. 2.3+ gets {@code zpool status -j} (vdev error counts, scrub progress) and
 * {@code zfs holds -p}; 2.1 gets the vdev tree and states from {@code zpool list -Hpv}, no error
 * counts and no scrub state ({@link PoolStatus#detailed()} false), and hold times as text. All
 * dataset listings use {@code zfs list -Hp} with our own columns on every version.
 */
public final class ZfsService {
    private final CommandRunner runner;
    private final HostOs os;
    private volatile ZfsVersion version;

    public ZfsService(CommandRunner runner) {
        this(runner, HostOs.LINUX);
    }

    public ZfsService(CommandRunner runner, HostOs os) {
        this.runner = runner;
        this.os = os;
    }

    /** A service for a host whose OS is not known yet: asks {@code uname -s} (Linux, FreeBSD, SunOS). */
    public static ZfsService detectingOs(CommandRunner runner) throws CommandException {
        return new ZfsService(runner, HostOs.fromUname(runner.run(ZfsCommands.uname()).stdout()));
    }

    public CommandRunner runner() {
        return runner;
    }

    public HostOs os() {
        return os;
    }

    /** The host's OpenZFS version, read once. */
    public ZfsVersion version() throws ZfsException, CommandException {
        ZfsVersion v = version;
        if (v == null) {
            v = ZfsVersion.parse(run(ZfsCommands.version()).stdout());
            version = v;
        }
        return v;
    }

    // ---------------------------------------------------------------- pools

    public List<Pool> pools() throws ZfsException, CommandException {
        return parse(ZfsCommands.pools(), PoolListParser::pools);
    }

    /** Vdev tree, states, and on 2.3+ error counts and scrub state; see {@link PoolStatus#detailed()}. */
    public PoolStatus poolStatus(String pool) throws ZfsException, CommandException {
        ZfsNames.requirePool(pool);
        Command c = version().hasJson() ? ZfsCommands.poolStatusJson(pool) : ZfsCommands.poolTree(pool);
        Map<String, PoolStatus> all = parse(c, out -> version().hasJson() ? PoolStatusParser.parse(out) : PoolListParser.vdevTrees(out));
        PoolStatus s = all.get(pool);
        if (s == null) {
            throw ZfsErrors.classify(c, 1, "cannot open '" + pool + "': no such pool", null);
        }
        return s;
    }

    /** Every property of {@code pool} ({@code feature@blake3 → enabled}, {@code size → 1006632960}, ...), in zpool's order. */
    public Map<String, String> poolProperties(String pool) throws ZfsException, CommandException {
        return parse(ZfsCommands.poolProperties(pool), out -> {
            Map<String, String> props = new java.util.LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    props.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
            return props;
        });
    }

    public void scrub(String pool) throws ZfsException, CommandException {
        run(ZfsCommands.scrub(pool));
    }

    public void stopScrub(String pool) throws ZfsException, CommandException {
        run(ZfsCommands.stopScrub(pool));
    }

    // ---------------------------------------------------------------- datasets

    /** All filesystems and volumes, sorted by name. */
    public List<Dataset> datasets() throws ZfsException, CommandException {
        return parse(ZfsCommands.datasets(null), ZfsListParser::datasets);
    }

    /** {@code root} and everything below it. */
    public List<Dataset> datasets(String root) throws ZfsException, CommandException {
        return parse(ZfsCommands.datasets(root), ZfsListParser::datasets);
    }

    /** One filesystem or volume, or empty when it does not exist. */
    public Optional<Dataset> dataset(String name) throws ZfsException, CommandException {
        Command c = ZfsCommands.dataset(name);
        try {
            return parse(c, ZfsListParser::datasets).stream().findFirst();
        } catch (ZfsCommandException e) {
            if (e.kind() == ZfsException.Kind.DOES_NOT_EXIST) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<Zvol> zvols() throws ZfsException, CommandException {
        List<Zvol> out = new ArrayList<>();
        for (Dataset d : datasets()) {
            if (d.isVolume()) {
                out.add(Zvol.of(d, os));
            }
        }
        return out;
    }

    /** One dataset's snapshots, oldest first (by createtxg). */
    public List<Snapshot> snapshots(String dataset) throws ZfsException, CommandException {
        return parse(ZfsCommands.snapshots(dataset), ZfsListParser::snapshots);
    }

    /** Every snapshot on the host, oldest first (by createtxg). */
    public List<Snapshot> allSnapshots() throws ZfsException, CommandException {
        return parse(ZfsCommands.snapshots(null), ZfsListParser::snapshots);
    }

    /**
     * As {@link #allSnapshots()}, which can take minutes on a big host (zfs prints nothing before it has read every
     * snapshot): {@code onCancel} is handed the way to stop it, which ends the {@code zfs list} process.
     */
    public List<Snapshot> allSnapshots(Consumer<Runnable> onCancel) throws ZfsException, CommandException {
        Command c = ZfsCommands.snapshots(null);
        RunningCommand running = runner.start(c, OutputListener.NONE);
        onCancel.accept(running::cancel);
        return parsed(c, checked(c, running.result()), ZfsListParser::snapshots);
    }

    public List<Bookmark> bookmarks(String dataset) throws ZfsException, CommandException {
        return parse(ZfsCommands.bookmarks(dataset), ZfsListParser::bookmarks);
    }

    /** Holds on a snapshot; exact times from 2.2 ({@code -Hp}), text times on 2.1 ({@code -H}). */
    public List<Hold> holds(String snapshot) throws ZfsException, CommandException {
        return parse(ZfsCommands.holds(snapshot, version().hasParsableHolds()), ZfsOutput::holds);
    }

    /** {@code zfs get -Hp}: the named properties, or all. */
    public List<Property> properties(String name, String... props) throws ZfsException, CommandException {
        return parse(ZfsCommands.properties(name, props), ZfsListParser::properties);
    }

    // ---------------------------------------------------------------- create, change

    /**
     * Creates a volume. {@code size} as typed ({@code 10G}, {@code 512M}); {@code volblocksize} null
     * for ZFS's default (16K from 2.2, 8K before). The size must be a multiple of the block size:
     * checked here, before zfs would refuse it. Returns the new zvol as ZFS reports it.
     */
    public Zvol createZvol(String name, String size, boolean thin, String volblocksize, Map<String, String> props)
            throws ZfsException, CommandException {
        run(createZvolCommand(name, size, thin, volblocksize, props));
        return dataset(name).map(d -> Zvol.of(d, os)).orElseThrow(() -> ZfsErrors.classify(null, 1,
                "cannot open '" + name + "': dataset does not exist", null));
    }

    /** The command {@link #createZvol} would run (sizes validated, names too). */
    public Command createZvolCommand(String name, String size, boolean thin, String volblocksize, Map<String, String> props)
            throws ZfsException, CommandException {
        ZfsNames.requireDataset(name);
        long block = volblocksize == null ? ZfsSizes.defaultVolBlockSize(version()) : ZfsSizes.parse(volblocksize);
        if (volblocksize != null && (Long.bitCount(block) != 1 || block < 512 || block > 16L * 1024 * 1024)) {
            throw new InvalidSizeException(volblocksize, "The volume block size must be a power of two from 512 to 16M, "
                    + "such as 16K or 64K.");
        }
        long bytes = ZfsSizes.parseVolumeSize(size, block);
        return ZfsCommands.createVolume(name, bytes, thin, volblocksize == null ? 0 : block, props);
    }

    public void createDataset(String name, Map<String, String> props) throws ZfsException, CommandException {
        run(ZfsCommands.createFilesystem(name, props));
    }

    /**
     * An encrypted filesystem ({@code encryption=on}, passphrase via stdin only). The passphrase must
     * have 8 to 512 characters (checked first, like zfs does). The caller should clear the array after.
     */
    public void createEncryptedDataset(String name, char[] passphrase, Map<String, String> props)
            throws ZfsException, CommandException {
        requirePassphrase(passphrase);
        run(ZfsCommands.createEncrypted(name, props, passphrase));
    }

    /** Grows or shrinks a volume; the new size is checked against its volblocksize first. */
    public void setVolsize(String volume, String size) throws ZfsException, CommandException {
        ZfsNames.requireDataset(volume);
        long block = properties(volume, "volblocksize").stream().mapToLong(Property::asLong).findFirst().orElse(-1);
        if (block <= 0) {
            throw ZfsErrors.classify(null, 1, "cannot set property for '" + volume + "': invalid property: '"
                    + volume + "' is not a volume", null);
        }
        run(ZfsCommands.setVolsize(volume, ZfsSizes.parseVolumeSize(size, block)));
    }

    public void setProperty(String name, String property, String value) throws ZfsException, CommandException {
        run(ZfsCommands.setProperty(name, property, value));
    }

    // ---------------------------------------------------------------- destroy, snapshot, rollback

    /**
     * What {@code zfs destroy} with these flags would remove, from its {@code -nvp} dry run. For a
     * snapshot with {@code -R} the dry run omits dependent clones, so Sluice adds them
     * ({@link DestroyPreview#extraClones()}). Mind: {@code destroy -r} on a busy mountpoint destroys
     * children before it fails; check nothing is in use first.
     */
    public DestroyPreview destroyPreview(String name, DestroyFlags flags) throws ZfsException, CommandException {
        CommandResult r = run(ZfsCommands.destroy(name, flags, true));
        List<String> destroyed = ZfsOutput.destroyedNames(r.stdout());
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        if (flags.dependents() && name.indexOf('@') >= 0) {
            List<Snapshot> all = allSnapshots();
            List<Dataset> ds = datasets();
            for (Snapshot s : all) {
                if (destroyed.contains(s.name()) || s.name().equals(name)) {
                    for (String c : s.clones()) {
                        RollbackPlan.addWithDependents(c, found, all, ds);
                    }
                }
            }
        }
        List<String> extra = new ArrayList<>(found);
        extra.removeAll(destroyed);
        return new DestroyPreview(name, destroyed, extra, ZfsOutput.reclaimBytes(r.stdout()), flags,
                ZfsCommands.destroy(name, flags, false));
    }

    public void destroy(DestroyPreview preview) throws ZfsException, CommandException {
        destroyRunning(preview.target(), preview.command());
    }

    public void destroy(String name, DestroyFlags flags) throws ZfsException, CommandException {
        destroyRunning(name, ZfsCommands.destroy(name, flags, false));
    }

    /** OpenZFS 2.1 says only "dataset is busy" for a held snapshot: ask for its holds to say HELD. */
    private void destroyRunning(String name, Command c) throws ZfsException, CommandException {
        try {
            runRetryingBusy(name, c);
        } catch (ZfsCommandException e) {
            if (e.kind() != ZfsException.Kind.BUSY || name.indexOf('@') < 0) {
                throw e;
            }
            List<Hold> holds;
            try {
                holds = holds(name);
            } catch (ZfsException notReadable) {
                throw e;
            }
            if (holds.isEmpty()) {
                throw e;
            }
            throw new ZfsCommandException(ZfsException.Kind.HELD, "Snapshot '" + name + "' is held ("
                    + String.join(", ", holds.stream().map(Hold::tag).toList()) + "). Release the holds first, or destroy "
                    + "it deferred (-d) so it goes when the last hold is released.", c, e.exitCode(), e.stderr(),
                    holds.stream().map(Hold::tag).toList(), null, e);
        }
    }

    /** The waits before a destroy that said "dataset is busy" is tried again (udev's probe is over in well under a second). */
    static long[] busyRetryMillis = {500, 1500};

    /**
     * A zvol that was just closed (a VM stopped, a raw VMDK written, {@code dd}) is probed by udev's blkid, and while a
     * udev worker holds it open {@code zfs destroy} says "dataset is busy". That passes by itself: the destroy is tried
     * again twice, after a short wait; a real user of the dataset still fails it, with ZFS's own message. (The audit
     * log shows every try.) Snapshots are not retried: their "busy" is a hold, which does not pass by itself.
     */
    private void runRetryingBusy(String name, Command c) throws ZfsException, CommandException {
        for (int attempt = 0; ; attempt++) {
            try {
                run(c);
                return;
            } catch (ZfsCommandException e) {
                if (e.kind() != ZfsException.Kind.BUSY || name.indexOf('@') >= 0 || attempt >= busyRetryMillis.length) {
                    throw e;
                }
                try {
                    Thread.sleep(busyRetryMillis[attempt]);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** All in one {@code zfs snapshot} call, so they are atomic (same transaction group). */
    public void snapshot(List<String> snapshotNames) throws ZfsException, CommandException {
        run(ZfsCommands.snapshot(snapshotNames));
    }

    /** What rolling back to {@code snapshot} would destroy; nothing runs but listings. */
    public RollbackPlan rollbackPlan(String snapshot, RollbackMode mode) throws ZfsException, CommandException {
        String dataset = ZfsNames.datasetOf(ZfsNames.requireSnapshot(snapshot));
        List<Snapshot> mine = snapshots(dataset);
        List<Bookmark> marks = bookmarks(dataset);
        boolean anyClones = mine.stream().anyMatch(s -> !s.clones().isEmpty());
        List<Snapshot> all = anyClones ? allSnapshots() : mine;
        List<Dataset> ds = anyClones ? datasets() : List.of();
        return RollbackPlan.compute(snapshot, mode, mine, marks, all, ds);
    }

    /** Runs the planned rollback; refuses a plan whose mode would fail. */
    public void rollback(RollbackPlan plan) throws ZfsException, CommandException {
        if (!plan.allowed()) {
            throw new ZfsCommandException(plan.mode() == RollbackMode.LATEST_ONLY ? ZfsException.Kind.WOULD_DESTROY_NEWER
                    : ZfsException.Kind.HAS_DEPENDENT_CLONES, "Cannot roll back to '" + plan.snapshot() + "': "
                    + plan.blockedReason(), plan.command(), 0, "", plan.destroyedNames(), null, null);
        }
        run(plan.command());
    }

    public void rollback(String snapshot, RollbackMode mode) throws ZfsException, CommandException {
        run(ZfsCommands.rollback(snapshot, mode));
    }

    public void bookmark(String snapshot, String bookmark) throws ZfsException, CommandException {
        run(ZfsCommands.bookmark(snapshot, bookmark));
    }

    public void clone(String snapshot, String target, Map<String, String> props) throws ZfsException, CommandException {
        run(ZfsCommands.clone(snapshot, target, props));
    }

    public void promote(String clone) throws ZfsException, CommandException {
        run(ZfsCommands.promote(clone));
    }

    public void hold(String tag, List<String> snapshots, boolean recursive) throws ZfsException, CommandException {
        run(ZfsCommands.hold(tag, snapshots, recursive));
    }

    public void release(String tag, List<String> snapshots, boolean recursive) throws ZfsException, CommandException {
        run(ZfsCommands.release(tag, snapshots, recursive));
    }

    // ---------------------------------------------------------------- keys

    public void loadKey(String dataset, char[] passphrase) throws ZfsException, CommandException {
        run(ZfsCommands.loadKey(dataset, passphrase));
    }

    /** Fails with BUSY while its filesystems are mounted or volumes open: {@link #unmount} first. */
    public void unloadKey(String dataset) throws ZfsException, CommandException {
        run(ZfsCommands.unloadKey(dataset));
    }

    public void mount(String filesystem) throws ZfsException, CommandException {
        run(ZfsCommands.mount(filesystem));
    }

    /** Unmounts; a filesystem that is not mounted is fine. */
    public void unmount(String filesystem) throws ZfsException, CommandException {
        Command c = ZfsCommands.unmount(filesystem);
        CommandResult r = runner.runAllowingFailure(c);
        if (!r.ok() && !r.stderr().contains("not currently mounted")) {
            throw ZfsErrors.classify(c, r.exitCode(), r.stderr(), null);
        }
    }

    // ---------------------------------------------------------------- send, receive

    public SendEstimate sendEstimate(SendSpec spec) throws ZfsException, CommandException {
        return parse(ZfsCommands.sendEstimate(spec), SendEstimate::parse);
    }

    /** A send | receive ready to run on this host; nothing runs yet. */
    public SendReceive sendReceive(SendSpec send, ReceiveSpec receive) throws ZfsException {
        return sendReceive(send, receive, StreamRoute.onHost(runner));
    }

    /** A send here | receive at the far end of {@code route} (another host, or this one); nothing runs yet. */
    public SendReceive sendReceive(SendSpec send, ReceiveSpec receive, StreamRoute route) throws ZfsException {
        return new SendReceive(route, ZfsCommands.send(send), ZfsCommands.receive(receive),
                (send.isResume() ? "Resuming into " : send.snapshot() + " → ") + receive.target());
    }

    /** The token of an interrupted resumable receive on {@code target}, if any. */
    public Optional<String> resumeToken(String target) throws ZfsException, CommandException {
        return Optional.ofNullable(parse(ZfsCommands.resumeToken(target), ZfsOutput::resumeToken));
    }

    /**
     * Continues an interrupted {@code receive -s} into {@code receive.target()}: reads its token and
     * checks it with a dry run ({@code zfs send -nvP -t}). A missing token gives NO_RESUME_TOKEN; a
     * stale or corrupt one RESUME_TOKEN_INVALID. Then use {@link #restartReceive} if the user agrees.
     */
    public SendReceive resumeReceive(ReceiveSpec receive) throws ZfsException, CommandException {
        return resumeReceive(receive, this, StreamRoute.onHost(runner));
    }

    /**
     * {@link #resumeReceive(ReceiveSpec)} across hosts: the token is read on {@code target} (where the partial
     * receive is), checked and sent from here, along {@code route}.
     */
    public SendReceive resumeReceive(ReceiveSpec receive, ZfsService target, StreamRoute route) throws ZfsException, CommandException {
        String name = receive.target();
        String token = target.resumeToken(name).orElseThrow(() -> new ZfsCommandException(ZfsException.Kind.NO_RESUME_TOKEN,
                "'" + name + "' has no interrupted transfer to resume. Start a new send.", null, 0, "", List.of(), null, null));
        SendSpec spec = SendSpec.resume(token);
        try {
            sendEstimate(spec);
        } catch (ZfsCommandException e) {
            throw new ZfsCommandException(ZfsException.Kind.RESUME_TOKEN_INVALID, "The interrupted transfer into '"
                    + name + "' cannot be resumed: " + ZfsErrors.reason(firstLine(e.stderr())) + ". Sluice can discard the partial data "
                    + "(zfs receive -A " + name + ") and send again from the start, if you confirm.",
                    e.command(), e.exitCode(), e.stderr(), List.of(name), token, e);
        }
        return sendReceive(spec, receive.resumable() ? receive : new ReceiveSpec(name, true, receive.force(),
                receive.noMount(), receive.set(), receive.exclude()), route);
    }

    /**
     * The documented fallback when a resume is impossible: only if {@code abortPartial} is true (the
     * user said so) the partial state is discarded with {@code zfs receive -A}; then a fresh
     * transfer of {@code fresh} is returned. With {@code abortPartial} false and partial state
     * present this throws RECEIVE_PARTIAL_STATE and changes nothing.
     */
    public SendReceive restartReceive(SendSpec fresh, ReceiveSpec receive, boolean abortPartial)
            throws ZfsException, CommandException {
        return restartReceive(fresh, receive, abortPartial, this, StreamRoute.onHost(runner));
    }

    /** {@link #restartReceive(SendSpec, ReceiveSpec, boolean)} into {@code target}'s host along {@code route}. */
    public SendReceive restartReceive(SendSpec fresh, ReceiveSpec receive, boolean abortPartial, ZfsService target,
                                      StreamRoute route) throws ZfsException, CommandException {
        String name = receive.target();
        Optional<String> token = target.dataset(name).isPresent() ? target.resumeToken(name) : Optional.empty();
        if (token.isPresent()) {
            if (!abortPartial) {
                throw new ZfsCommandException(ZfsException.Kind.RECEIVE_PARTIAL_STATE, "'" + name + "' holds an "
                        + "interrupted transfer. Resume it, or confirm discarding it (zfs receive -A) to start again.",
                        null, 0, "", List.of(name), token.get(), null);
            }
            target.abortPartialReceive(name);
        }
        return sendReceive(fresh, receive, route);
    }

    /** {@code zfs receive -A}: discards an interrupted receive's partial state. Only on the user's request. */
    public void abortPartialReceive(String target) throws ZfsException, CommandException {
        run(ZfsCommands.abortReceive(target));
    }

    // ---------------------------------------------------------------- plumbing

    interface Parser<T> {
        T parse(String stdout) throws ZfsException, CommandException;
    }

    /** Runs; a non-zero exit becomes a classified {@link ZfsCommandException}. */
    public CommandResult run(Command c) throws ZfsException, CommandException {
        return checked(c, runner.runAllowingFailure(c));
    }

    private static CommandResult checked(Command c, CommandResult r) throws ZfsException {
        if (!r.ok()) {
            throw ZfsErrors.classify(c, r.exitCode(), r.stderr(), null);
        }
        return r;
    }

    private <T> T parse(Command c, Parser<T> parser) throws ZfsException, CommandException {
        return parsed(c, run(c), parser);
    }

    private static <T> T parsed(Command c, CommandResult r, Parser<T> parser) throws ZfsException, CommandException {
        if (r.truncated()) {
            throw new ZfsCommandException(ZfsException.Kind.UNKNOWN, "The output of `" + c.toShell() + "` was larger than "
                    + "Sluice keeps, so the list would be incomplete. Narrow it down (one pool or dataset at a time).",
                    c, r.exitCode(), r.stderr(), List.of(), null, null);
        }
        try {
            return parser.parse(r.stdout());
        } catch (UnexpectedOutputException e) {
            throw new ZfsCommandException(ZfsException.Kind.UNKNOWN, "Sluice could not read the output of `"
                    + c.toShell() + "` (" + e.getMessage() + "). Is this OpenZFS version supported? Please report it.",
                    c, r.exitCode(), r.stderr(), List.of(), null, e);
        }
    }

    private static void requirePassphrase(char[] p) throws ZfsException {
        if (p == null || p.length < 8 || p.length > 512) {
            throw new ZfsCommandException(ZfsException.Kind.PASSPHRASE_TOO_SHORT, p != null && p.length > 512
                    ? "The passphrase is too long: ZFS allows at most 512 characters."
                    : "The passphrase is too short: ZFS needs at least 8 characters. Choose a longer one.",
                    null, 0, "", List.of(), null, null);
        }
    }

    private static String firstLine(String s) {
        String l = s.strip().split("\n")[0];
        return l.endsWith(".") ? l.substring(0, l.length() - 1) : l;
    }
}
