package dev.sluice.qemu.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.qemu.qmp.QmpClient;
import dev.sluice.qemu.qmp.QmpEvent;
import dev.sluice.qemu.qmp.QmpException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Moves one drive of a running QEMU onto another block device with QMP, in the steps QEMU 7.2 allows
 * (its {@code blockdev-mirror} cannot start from a dirty bitmap):
 * <ol>
 * <li>{@link #startTracking}: a dirty bitmap on the drive, taken before the ZFS seed snapshot, so every write the
 * snapshot may miss is in it.</li>
 * <li>{@link #copyChanges}: the target device as a new node; rounds of {@code blockdev-backup sync=bitmap} copy what
 * the current bitmap marks while a fresh bitmap (added in the same {@code transaction}) catches what the guest writes
 * meanwhile; when a round is small, the guest's CPUs stop, the last round is copied, a {@code blockdev-mirror
 * sync=none copy-mode=write-blocking} starts (every later write lands on both devices) and the guest continues.
 * Backup and mirror never write the target at the same time: a backup writes the data as of its start, which could
 * land after the mirror's newer copy.</li>
 * <li>{@link #pivot}: {@code block-job-complete}: the drive now uses the target node.</li>
 * </ol>
 * {@link #abort} undoes any of it before the pivot: the guest stays on its source device, untouched. Every QMP
 * name this class makes starts with its tag (one per migration), so a resumed migration finds its own leftovers.
 */
public final class LiveDriveMove {
    /** When the next round is at most this big, it is the paused one (before any round's rate is known). */
    static final long FINAL_BYTES = 4L << 20;
    /** The pause the last round aims for, from the copy rate measured so far. */
    static final Duration PAUSE_AIM = Duration.ofMillis(250);
    static final int MAX_ROUNDS = 6;
    private static final Duration JOB_WAIT = Duration.ofMinutes(30);
    private static final Duration SHORT_WAIT = Duration.ofSeconds(60);

    private final QmpClient qmp;
    private final String requested;
    private volatile String drive;
    private final String tag;
    private volatile boolean pausedByUs;

    /** {@code drive}: the drive's id ({@code drive0}); {@code tag}: unique per migration ({@code sluice-1a2b3c4d}). */
    public LiveDriveMove(QmpClient qmp, String drive, String tag) {
        this.qmp = qmp;
        this.requested = drive;
        this.tag = tag;
    }

    public String targetNode() {
        return tag + "-target";
    }

    String mirrorJob() {
        return tag + "-mirror";
    }

    String copyJob(int round) {
        return tag + "-copy" + round;
    }

    String bitmap(int n) {
        return tag + "-dirty" + n;
    }

    /** Adds the change-tracking bitmap unless one of ours is there already (a resumed migration). */
    public void startTracking() throws QmpException {
        if (bitmaps().isEmpty()) {
            qmp.execute("block-dirty-bitmap-add", Map.of("node", drive(), "name", bitmap(0), "persistent", false));
        }
    }

    /** Our bitmaps on the drive, oldest first, with their dirty byte counts. */
    Map<String, Long> bitmaps() throws QmpException {
        Map<String, Long> out = new LinkedHashMap<>();
        JsonNode inserted = driveInfo().path("inserted");
        List<JsonNode> found = new ArrayList<>();
        inserted.path("dirty-bitmaps").forEach(found::add);
        found.stream().filter(b -> b.path("name").asText().startsWith(tag + "-dirty"))
                .sorted(Comparator.comparingInt(b -> index(b.path("name").asText())))
                .forEach(b -> out.put(b.path("name").asText(), b.path("count").asLong()));
        return out;
    }

    private int index(String bitmapName) {
        return Integer.parseInt(bitmapName.substring((tag + "-dirty").length()));
    }

    /** The drive now reads and writes the target node. */
    public boolean onTarget() throws QmpException {
        return driveInfo().path("inserted").path("node-name").asText().equals(targetNode());
    }

    /** Our mirror job is there and has reached READY (the target follows every write). */
    public boolean mirroring() throws QmpException {
        for (JsonNode j : qmp.execute("query-block-jobs")) {
            if (j.path("device").asText().equals(mirrorJob())) {
                return j.path("ready").asBoolean();
            }
        }
        return false;
    }

    /**
     * Copies what changed since tracking began onto {@code targetDevice} while the guest runs, then pauses it for the
     * last round and starts the mirror. On any failure the guest is resumed before this throws. {@code progress}
     * hears the bytes copied so far; {@code cancelled} is asked between rounds.
     */
    public LivePause copyChanges(String targetDevice, String aio, LongConsumer progress, BooleanSupplier cancelled)
            throws QmpException, LiveMoveException {
        if (mirroring()) {
            return new LivePause(Duration.ZERO, 0, 0, 0); // done before a restart of Sluice
        }
        cancelJobs();
        Map<String, Long> maps = bitmaps();
        if (maps.isEmpty()) {
            throw new LiveMoveException(LiveMoveException.Kind.TRACKING_LOST, requested);
        }
        String current = unite(maps);
        int next = index(current) + 1;
        addTarget(targetDevice, aio);
        long copied = 0;
        double rate = -1;
        int rounds = 0;
        while (rounds < MAX_ROUNDS) {
            if (cancelled.getAsBoolean()) {
                throw new LiveMoveException(LiveMoveException.Kind.CANCELLED, requested);
            }
            long dirty = bitmaps().getOrDefault(current, 0L);
            long aim = rate > 0 ? Math.max(FINAL_BYTES, (long) (rate * PAUSE_AIM.toMillis() / 1000.0)) : FINAL_BYTES;
            if (dirty <= aim) {
                break;
            }
            String fresh = bitmap(next++);
            String job = copyJob(++rounds);
            Instant t0 = Instant.now();
            try (Events ev = new Events()) {
                qmp.execute("transaction", Map.of("actions", List.of(
                        Map.of("type", "block-dirty-bitmap-add", "data", Map.of("node", drive(), "name", fresh, "persistent", false)),
                        Map.of("type", "blockdev-backup", "data", backup(job, current)))));
                ev.awaitEnd(job, JOB_WAIT);
            }
            long ms = Math.max(1, Duration.between(t0, Instant.now()).toMillis());
            rate = dirty * 1000.0 / ms;
            copied += dirty;
            progress.accept(copied);
            qmp.execute("block-dirty-bitmap-remove", Map.of("node", drive(), "name", current));
            current = fresh;
        }
        if (cancelled.getAsBoolean()) {
            throw new LiveMoveException(LiveMoveException.Kind.CANCELLED, requested);
        }
        long last = bitmaps().getOrDefault(current, 0L);
        String source = driveInfo().path("inserted").path("node-name").asText();
        Duration paused;
        try (Events ev = new Events()) {
            long localStart = System.nanoTime();
            int attempts = finalRound(current, source, rounds, ev);
            rounds += attempts;
            long local = System.nanoTime() - localStart;
            ev.awaitCount("RESUME", attempts, Duration.ofSeconds(5));
            paused = ev.paused().orElse(Duration.ofNanos(local));
        }
        qmp.execute("block-dirty-bitmap-remove", Map.of("node", source, "name", current));
        progress.accept(copied + last);
        return new LivePause(paused, rounds, copied, last);
    }

    /** Attempts of the paused round before giving up (something other than the guest keeps writing). */
    static final int FINAL_ATTEMPTS = 3;

    /**
     * While the guest's CPUs stand still: copy the last bitmap's regions, start the mirror, resume. The commands go
     * out back to back ({@link QmpClient#submit}): {@code stop} with the copy, and the mirror with {@code cont}, so the
     * pause is the last copy plus about one round trip. The guest cannot write meanwhile, but QEMU itself can
     * ({@code qemu-io} from the monitor, another block job): with {@code bitmap-mode on-success} the bitmap afterwards
     * holds what was written since the copy began, and it is frozen ({@code disable}) just before {@code cont}, so
     * when it is not empty a write may have fallen between copy and mirror: tracking goes on, the mirror is cancelled
     * and the round repeated. The bitmap lives on the source node, which the mirror's filter hides behind the
     * drive's name. Returns the attempts it took; the guest runs again whatever happens.
     */
    private int finalRound(String bitmap, String sourceNode, int rounds, Events ev) throws QmpException, LiveMoveException {
        for (int attempt = 1; ; attempt++) {
            String job = copyJob(rounds + attempt);
            try {
                QmpClient.Reply stop = qmp.submit("stop", null);
                QmpClient.Reply copy = qmp.submit("blockdev-backup", Map.of("job-id", job, "device", sourceNode,
                        "target", targetNode(), "sync", "bitmap", "bitmap", bitmap, "bitmap-mode", "on-success", "auto-dismiss", true));
                stop.get();
                pausedByUs = true;
                copy.get();
                ev.awaitEnd(job, JOB_WAIT);
                QmpClient.Reply mirror = qmp.submit("blockdev-mirror", Map.of("job-id", mirrorJob(), "device", drive(),
                        "target", targetNode(), "sync", "none", "copy-mode", "write-blocking"));
                QmpClient.Reply freeze = qmp.submit("block-dirty-bitmap-disable", Map.of("node", sourceNode, "name", bitmap));
                QmpClient.Reply cont = qmp.submit("cont", null);
                cont.get();
                pausedByUs = false;
                freeze.get();
                mirror.get();
            } finally {
                if (pausedByUs) {
                    qmp.execute("cont");
                    pausedByUs = false;
                }
            }
            ev.awaitReady(mirrorJob(), SHORT_WAIT);
            if (dirtyOn(sourceNode, bitmap) == 0) {
                return attempt;
            }
            // track again before the mirror goes, so no write is left unrecorded
            qmp.execute("block-dirty-bitmap-enable", Map.of("node", sourceNode, "name", bitmap));
            ev.forget(mirrorJob());
            qmp.execute("block-job-cancel", Map.of("device", mirrorJob(), "force", true));
            try {
                ev.awaitEnd(mirrorJob(), SHORT_WAIT);
            } catch (LiveMoveException cancelled) {
                // the cancel event is what we asked for
            }
            ev.forget(mirrorJob());
            if (attempt == FINAL_ATTEMPTS) {
                throw new LiveMoveException(LiveMoveException.Kind.WRITES_WHILE_PAUSED, requested);
            }
        }
    }

    private long dirtyOn(String node, String bitmap) throws QmpException {
        for (JsonNode n : qmp.execute("query-named-block-nodes", Map.of("flat", true))) {
            if (n.path("node-name").asText().equals(node)) {
                for (JsonNode b : n.path("dirty-bitmaps")) {
                    if (b.path("name").asText().equals(bitmap)) {
                        return b.path("count").asLong();
                    }
                }
            }
        }
        throw new QmpException("QEMU lost the dirty bitmap " + bitmap + " of node " + node + ".", (String) null);
    }

    /** {@code block-job-complete}: the drive switches to the target node. Throws when the mirror ended without it. */
    public void pivot() throws QmpException, LiveMoveException {
        if (onTarget()) {
            return;
        }
        if (!mirroring()) {
            throw new LiveMoveException(LiveMoveException.Kind.NO_MIRROR, requested);
        }
        try (Events ev = new Events()) {
            qmp.execute("block-job-complete", Map.of("device", mirrorJob()));
            ev.awaitEnd(mirrorJob(), SHORT_WAIT);
        }
        if (!onTarget()) {
            throw new LiveMoveException(LiveMoveException.Kind.NOT_SWITCHED, requested);
        }
    }

    /**
     * Before the pivot: cancels our jobs, resumes the guest if we paused it, removes the target node and our
     * bitmaps. The guest keeps running on its source. Refused after the pivot (the target holds its newest writes).
     */
    public void abort() throws QmpException, LiveMoveException {
        abort(false);
    }

    /**
     * As {@link #abort()}; {@code mayHavePaused}: a step of this move was cut short (Sluice killed during the
     * sub-second pause), so a paused guest is resumed even though this instance did not pause it.
     */
    public void abort(boolean mayHavePaused) throws QmpException, LiveMoveException {
        cancelJobs();
        if (pausedByUs || mayHavePaused && "paused".equals(qmp.execute("query-status").path("status").asText())) {
            qmp.execute("cont");
            pausedByUs = false;
        }
        if (onTarget()) {
            throw new LiveMoveException(LiveMoveException.Kind.ALREADY_SWITCHED, requested);
        }
        removeTarget();
        removeTracking();
    }

    /** Removes our bitmaps (tracking no longer needed: the move was undone or is past the pivot). */
    public void removeTracking() throws QmpException {
        for (String b : bitmaps().keySet()) {
            qmp.execute("block-dirty-bitmap-remove", Map.of("node", drive(), "name", b));
        }
    }

    /** Stops our running jobs at once (the cancel button); a job's end arrives as an event. */
    public void cancelJobs() throws QmpException {
        for (JsonNode j : qmp.execute("query-block-jobs")) {
            String id = j.path("device").asText();
            if (id.startsWith(tag + "-")) {
                try (Events ev = new Events()) {
                    qmp.execute("block-job-cancel", Map.of("device", id, "force", true));
                    try {
                        ev.awaitEnd(id, SHORT_WAIT);
                    } catch (LiveMoveException ended) {
                        // a cancelled job ends with an error or a cancel event: either way it is gone
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    private Map<String, Object> backup(String job, String bitmap) throws QmpException {
        return Map.of("job-id", job, "device", drive(), "target", targetNode(), "sync", "bitmap", "bitmap", bitmap,
                "bitmap-mode", "never", "auto-dismiss", true);
    }

    /** After a restart several of our bitmaps may exist: their union is what the target may lack; keep only the newest. */
    private String unite(Map<String, Long> maps) throws QmpException {
        List<String> names = new ArrayList<>(maps.keySet());
        String newest = names.get(names.size() - 1);
        if (names.size() > 1) {
            qmp.execute("block-dirty-bitmap-merge", Map.of("node", drive(), "target", newest,
                    "bitmaps", names.subList(0, names.size() - 1)));
            for (String old : names.subList(0, names.size() - 1)) {
                qmp.execute("block-dirty-bitmap-remove", Map.of("node", drive(), "name", old));
            }
        }
        return newest;
    }

    private void addTarget(String device, String aio) throws QmpException, LiveMoveException {
        if (nodeExists(targetNode())) {
            return;
        }
        // a zvol is a block device; a plain file (tests on hosts without ZFS) takes QEMU's file driver
        Map<String, Object> opts = Map.of("driver", device.startsWith("/dev/") ? "host_device" : "file", "node-name", targetNode(), "filename", device,
                "cache", Map.of("direct", true), "aio", aio);
        Instant until = Instant.now().plusSeconds(15);
        while (true) {
            try {
                qmp.execute("blockdev-add", opts);
                return;
            } catch (QmpException e) {
                // the received zvol's device link appears when udev gets to it
                if (!String.valueOf(e.getMessage()).contains("No such file")) {
                    throw e;
                }
                if (Instant.now().isAfter(until)) {
                    throw new LiveMoveException(LiveMoveException.Kind.NO_TARGET_DEVICE, device, e);
                }
                sleep(500);
            }
        }
    }

    private void removeTarget() throws QmpException {
        if (nodeExists(targetNode())) {
            qmp.execute("blockdev-del", Map.of("node-name", targetNode()));
        }
    }

    private boolean nodeExists(String node) throws QmpException {
        for (JsonNode n : qmp.execute("query-named-block-nodes", Map.of("flat", true))) {
            if (n.path("node-name").asText().equals(node)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode driveInfo() throws QmpException {
        for (JsonNode b : qmp.execute("query-block")) {
            if (names(b, requested)) {
                return b;
            }
        }
        throw new QmpException("QEMU has no drive " + requested + ": the VM's definition and the running VM differ. "
                + "Restart the VM from Sluice, then move it again.", (String) null);
    }

    /**
     * Whether a {@code query-block} entry is the drive asked for: by its block device ({@code drive0}) or by the guest
     * device it backs ({@code disk0}, which QEMU 7.2 reports as {@code /machine/peripheral/disk0/virtio-backend}); the
     * VMs view names a Sluice VM's disks by the latter.
     */
    static boolean names(JsonNode b, String name) {
        String qdev = b.path("qdev").asText();
        return b.path("device").asText().equals(name) || qdev.equals(name) || qdev.startsWith("/machine/peripheral/" + name + "/");
    }

    /** The block device the QMP commands name, found once from what was asked for. */
    private String drive() throws QmpException {
        String d = drive;
        if (d == null) {
            d = driveInfo().path("device").asText();
            if (d.isEmpty()) {
                d = requested;
            }
            drive = d;
        }
        return d;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects the events of one phase from before its command is sent, so a fast job's end is never missed. */
    private final class Events implements AutoCloseable {
        private final List<QmpEvent> seen = new ArrayList<>();
        private final java.util.function.Consumer<QmpEvent> listener = e -> {
            synchronized (seen) {
                seen.add(e);
                seen.notifyAll();
            }
        };

        Events() {
            qmp.addEventListener(listener);
        }

        void awaitEnd(String job, Duration within) throws LiveMoveException {
            QmpEvent e = await(job, Set.of("BLOCK_JOB_COMPLETED", "BLOCK_JOB_CANCELLED"), within);
            if (e.name().equals("BLOCK_JOB_CANCELLED")) {
                throw new LiveMoveException(LiveMoveException.Kind.JOB_CANCELLED, job);
            }
            if (e.data().hasNonNull("error")) {
                throw new LiveMoveException(LiveMoveException.Kind.JOB_FAILED, job + ": " + e.data().path("error").asText());
            }
        }

        void awaitReady(String job, Duration within) throws LiveMoveException {
            // READY may come before the mirror command's own reply has been read: it is in the list either way
            QmpEvent e = await(job, Set.of("BLOCK_JOB_READY", "BLOCK_JOB_COMPLETED", "BLOCK_JOB_CANCELLED"), within);
            if (!e.name().equals("BLOCK_JOB_READY")) {
                throw new LiveMoveException(LiveMoveException.Kind.JOB_FAILED,
                        job + ": " + e.data().path("error").asText(e.name()));
            }
        }

        /** Drops what was seen of {@code job}, so the same job id can be awaited again. */
        void forget(String job) {
            synchronized (seen) {
                seen.removeIf(e -> job.equals(e.data().path("device").asText()));
            }
        }

        /** The sum of every STOP to RESUME seen, by QEMU's clock; empty when an event is missing. */
        java.util.Optional<Duration> paused() {
            synchronized (seen) {
                Duration sum = Duration.ZERO;
                Instant stop = null;
                int pairs = 0;
                for (QmpEvent e : seen) {
                    if (e.name().equals("STOP")) {
                        stop = e.timestamp();
                    } else if (e.name().equals("RESUME") && stop != null) {
                        sum = sum.plus(Duration.between(stop, e.timestamp()));
                        stop = null;
                        pairs++;
                    }
                }
                return pairs == 0 || stop != null ? java.util.Optional.empty() : java.util.Optional.of(sum);
            }
        }

        void awaitCount(String event, int n, Duration within) {
            long end = System.nanoTime() + within.toNanos();
            synchronized (seen) {
                while (seen.stream().filter(e -> e.name().equals(event)).count() < n && System.nanoTime() < end) {
                    try {
                        seen.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        private QmpEvent await(String job, Set<String> names, Duration within) throws LiveMoveException {
            long end = System.nanoTime() + within.toNanos();
            synchronized (seen) {
                while (true) {
                    for (QmpEvent e : seen) {
                        if (names.contains(e.name()) && (job == null || job.equals(e.data().path("device").asText()))) {
                            return e;
                        }
                    }
                    long left = end - System.nanoTime();
                    if (left <= 0 || !qmp.isOpen()) {
                        throw new LiveMoveException(LiveMoveException.Kind.TIMED_OUT,
                                (job == null ? "" : job + ": ") + String.join("/", names), new TimeoutException());
                    }
                    try {
                        seen.wait(Math.max(1, Math.min(left / 1_000_000, 500)));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new LiveMoveException(LiveMoveException.Kind.CANCELLED, requested);
                    }
                }
            }
        }

        @Override
        public void close() {
            qmp.removeEventListener(listener);
        }
    }
}
