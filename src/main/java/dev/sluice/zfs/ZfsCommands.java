package dev.sluice.zfs;

import dev.sluice.host.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exact zfs/zpool commands Sluice runs, built without running them, so the UI can show them
 * ("this will run: ...") and tests can assert them. Every builder validates names first
 * ({@link ZfsNames}) and throws {@link InvalidZfsNameException} before anything runs. Commands that
 * change something are {@link Command#asRoot()}; listings are not (on Linux /dev/zfs is open to all
 * users for reading). Long streams ({@code send}, {@code receive}) have no timeout.
 */
public final class ZfsCommands {
    /** Destroying, rolling back or promoting big datasets frees space in the foreground and can take long. */
    public static final java.time.Duration SLOW_CHANGE_TIMEOUT = java.time.Duration.ofMinutes(30);

    private ZfsCommands() {
    }

    public static Command version() {
        return Command.of("zfs", "version");
    }

    public static Command pools() {
        return Command.of("zpool", "list", "-Hp", "-o", String.join(",", PoolListParser.POOL_COLUMNS));
    }

    /** The vdev tree OpenZFS 2.1 can give in machine form (no error counts). */
    public static Command poolTree(String pool) throws InvalidZfsNameException {
        return pool == null ? Command.of("zpool", "list", "-Hpv") : Command.of("zpool", "list", "-Hpv", ZfsNames.requirePool(pool));
    }

    /** OpenZFS 2.3+: vdev states, error counts, scan progress as JSON with exact integers. */
    public static Command poolStatusJson(String pool) throws InvalidZfsNameException {
        return pool == null ? Command.of("zpool", "status", "-j", "--json-int")
                : Command.of("zpool", "status", "-j", "--json-int", ZfsNames.requirePool(pool));
    }

    /** {@code zpool get -Hp -o property,value all POOL}: every pool property, feature@ flags included. */
    public static Command poolProperties(String pool) throws InvalidZfsNameException {
        return Command.of("zpool", "get", "-Hp", "-o", "property,value", "all", ZfsNames.requirePool(pool));
    }

    public static Command scrub(String pool) throws InvalidZfsNameException {
        return Command.of("zpool", "scrub", ZfsNames.requirePool(pool)).asRoot();
    }

    /** {@code zpool scrub -s}: stops a running scrub (progress is lost; {@code -p} would pause instead). */
    public static Command stopScrub(String pool) throws InvalidZfsNameException {
        return Command.of("zpool", "scrub", "-s", ZfsNames.requirePool(pool)).asRoot();
    }

    /** {@code zfs bookmark SNAP BOOKMARK}: keeps the snapshot's place for incremental sends after it is destroyed. */
    public static Command bookmark(String snapshot, String bookmark) throws InvalidZfsNameException {
        ZfsNames.requireSnapshot(snapshot);
        ZfsNames.requireBookmark(bookmark);
        return Command.of("zfs", "bookmark", snapshot, bookmark).asRoot();
    }

    /** {@code uname -s}, to know where zvol device nodes live ({@link HostOs}). */
    public static Command uname() {
        return Command.of("uname", "-s");
    }

    /** Filesystems and volumes, all or under {@code root} (recursive). */
    /**
     * How long a listing whose size grows with the host may run: every dataset, every snapshot. On a host with a
     * million snapshots (or a slow one) {@code zfs list} takes minutes, which the default two minutes would cut off;
     * the read changes nothing, and Activity can cancel it.
     */
    public static final java.time.Duration LISTING_TIMEOUT = java.time.Duration.ofMinutes(20);

    public static Command datasets(String root) throws InvalidZfsNameException {
        List<String> a = listArgs("filesystem,volume", ZfsListParser.DATASET_COLUMNS, "name");
        if (root != null) {
            a.add("-r");
            a.add(ZfsNames.requireDataset(root));
        }
        return Command.of(a).withTimeout(LISTING_TIMEOUT);
    }

    /** One filesystem or volume by name (fails with "dataset does not exist" when it is not there). */
    public static Command dataset(String name) throws InvalidZfsNameException {
        return Command.of("zfs", "list", "-Hp", "-o", String.join(",", ZfsListParser.DATASET_COLUMNS), ZfsNames.requireDataset(name));
    }

    /** One dataset's own snapshots ({@code -d 1}), oldest first; all snapshots when {@code dataset} is null. */
    public static Command snapshots(String dataset) throws InvalidZfsNameException {
        List<String> a = listArgs("snapshot", ZfsListParser.SNAPSHOT_COLUMNS, "createtxg");
        if (dataset != null) {
            a.addAll(List.of("-d", "1", ZfsNames.requireDataset(dataset)));
        }
        return Command.of(a).withTimeout(LISTING_TIMEOUT);
    }

    public static Command bookmarks(String dataset) throws InvalidZfsNameException {
        List<String> a = listArgs("bookmark", ZfsListParser.BOOKMARK_COLUMNS, "createtxg");
        if (dataset != null) {
            a.addAll(List.of("-d", "1", ZfsNames.requireDataset(dataset)));
        }
        return Command.of(a);
    }

    private static List<String> listArgs(String types, List<String> columns, String sortBy) {
        return new ArrayList<>(List.of("zfs", "list", "-Hp", "-t", types, "-o", String.join(",", columns), "-s", sortBy));
    }

    /** {@code zfs get -Hp} of some properties, or {@code all} when none are named. */
    public static Command properties(String name, String... props) throws InvalidZfsNameException {
        requireAnyName(name);
        return Command.of("zfs", "get", "-Hp", "-o", "name,property,value,source",
                props.length == 0 ? "all" : String.join(",", props), name);
    }

    /** {@code -Hp} (exact time) from OpenZFS 2.2; {@code -H} before, where {@code -p} is an invalid option. */
    public static Command holds(String snapshot, boolean parsable) throws InvalidZfsNameException {
        ZfsNames.requireSnapshot(snapshot);
        return Command.of("zfs", "holds", parsable ? "-Hp" : "-H", snapshot);
    }

    /** {@code volsizeBytes} must already be checked against the block size ({@link ZfsSizes#requireVolumeSize}). */
    public static Command createVolume(String name, long volsizeBytes, boolean thin, long volblocksize,
                                       Map<String, String> props) throws InvalidZfsNameException {
        ZfsNames.requireDataset(name);
        List<String> a = new ArrayList<>(List.of("zfs", "create"));
        if (thin) {
            a.add("-s");
        }
        a.addAll(List.of("-V", Long.toString(volsizeBytes)));
        if (volblocksize > 0) {
            a.addAll(List.of("-b", Long.toString(volblocksize)));
        }
        addProps(a, props);
        a.add(name);
        return Command.of(a).asRoot();
    }

    public static Command createFilesystem(String name, Map<String, String> props) throws InvalidZfsNameException {
        ZfsNames.requireDataset(name);
        List<String> a = new ArrayList<>(List.of("zfs", "create"));
        addProps(a, props);
        a.add(name);
        return Command.of(a).asRoot();
    }

    /**
     * An encrypted filesystem whose passphrase zfs reads from stdin ({@code keylocation=prompt}; with
     * stdin not a terminal zfs reads it once). The passphrase travels only as secret stdin.
     */
    public static Command createEncrypted(String name, Map<String, String> props, char[] passphrase)
            throws InvalidZfsNameException {
        ZfsNames.requireDataset(name);
        List<String> a = new ArrayList<>(List.of("zfs", "create", "-o", "encryption=" + props.getOrDefault("encryption", "on"),
                "-o", "keyformat=passphrase", "-o", "keylocation=prompt"));
        Map<String, String> rest = new java.util.LinkedHashMap<>(props);
        rest.remove("encryption");
        rest.remove("keyformat");
        rest.remove("keylocation");
        addProps(a, rest);
        a.add(name);
        return Command.of(a).asRoot().withSecretStdin(secret(passphrase));
    }

    public static Command setProperty(String name, String property, String value) throws InvalidZfsNameException {
        requireAnyName(name);
        return Command.of("zfs", "set", requireProp(property) + "=" + value, name).asRoot();
    }

    public static Command setVolsize(String volume, long bytes) throws InvalidZfsNameException {
        return Command.of("zfs", "set", "volsize=" + bytes, ZfsNames.requireDataset(volume)).asRoot();
    }

    /** {@code zfs destroy}, or its machine-readable dry run ({@code -nvp}) when {@code dryRun}. */
    public static Command destroy(String name, DestroyFlags flags, boolean dryRun) throws InvalidZfsNameException {
        requireAnyName(name);
        List<String> a = new ArrayList<>(List.of("zfs", "destroy"));
        if (dryRun) {
            a.add("-nvp");
        }
        if (flags.recursive()) {
            a.add("-r");
        }
        if (flags.dependents()) {
            a.add("-R");
        }
        if (flags.forceUnmount()) {
            a.add("-f");
        }
        if (flags.deferred()) {
            a.add("-d");
        }
        a.add(name);
        Command c = Command.of(a);
        return dryRun ? c : c.asRoot().withTimeout(SLOW_CHANGE_TIMEOUT);
    }

    /** All snapshots in one call: zfs takes them in one transaction, so they are consistent with each other. */
    public static Command snapshot(List<String> snapshots) throws InvalidZfsNameException {
        if (snapshots.isEmpty()) {
            throw new InvalidZfsNameException("", "No snapshot to take. Choose at least one dataset.");
        }
        List<String> a = new ArrayList<>(List.of("zfs", "snapshot"));
        for (String s : snapshots) {
            a.add(ZfsNames.requireSnapshot(s));
        }
        return Command.of(a).asRoot();
    }

    public static Command rollback(String snapshot, RollbackMode mode) throws InvalidZfsNameException {
        ZfsNames.requireSnapshot(snapshot);
        Command c = mode.flag() == null ? Command.of("zfs", "rollback", snapshot)
                : Command.of("zfs", "rollback", mode.flag(), snapshot);
        return c.asRoot().withTimeout(SLOW_CHANGE_TIMEOUT);
    }

    public static Command clone(String snapshot, String target, Map<String, String> props) throws InvalidZfsNameException {
        ZfsNames.requireSnapshot(snapshot);
        ZfsNames.requireDataset(target);
        List<String> a = new ArrayList<>(List.of("zfs", "clone"));
        addProps(a, props);
        a.add(snapshot);
        a.add(target);
        return Command.of(a).asRoot();
    }

    public static Command promote(String clone) throws InvalidZfsNameException {
        return Command.of("zfs", "promote", ZfsNames.requireDataset(clone)).asRoot().withTimeout(SLOW_CHANGE_TIMEOUT);
    }

    public static Command hold(String tag, List<String> snapshots, boolean recursive) throws InvalidZfsNameException {
        return holdOrRelease("hold", tag, snapshots, recursive);
    }

    public static Command release(String tag, List<String> snapshots, boolean recursive) throws InvalidZfsNameException {
        return holdOrRelease("release", tag, snapshots, recursive);
    }

    private static Command holdOrRelease(String verb, String tag, List<String> snapshots, boolean recursive)
            throws InvalidZfsNameException {
        if (tag == null || tag.isEmpty() || tag.indexOf('\t') >= 0 || tag.indexOf('\n') >= 0) {
            throw new InvalidZfsNameException(tag == null ? "" : tag, "A hold needs a tag (a short word such as 'keep'), without tabs or line breaks.");
        }
        List<String> a = new ArrayList<>(List.of("zfs", verb));
        if (recursive) {
            a.add("-r");
        }
        a.add(tag);
        for (String s : snapshots) {
            a.add(ZfsNames.requireSnapshot(s));
        }
        return Command.of(a).asRoot();
    }

    public static Command mount(String filesystem) throws InvalidZfsNameException {
        return Command.of("zfs", "mount", ZfsNames.requireDataset(filesystem)).asRoot();
    }

    public static Command unmount(String filesystem) throws InvalidZfsNameException {
        return Command.of("zfs", "unmount", ZfsNames.requireDataset(filesystem)).asRoot();
    }

    /** {@code -L prompt}: read the passphrase from stdin whatever keylocation says (raw-received datasets too). */
    public static Command loadKey(String dataset, char[] passphrase) throws InvalidZfsNameException {
        return Command.of("zfs", "load-key", "-L", "prompt", ZfsNames.requireDataset(dataset)).asRoot()
                .withSecretStdin(secret(passphrase));
    }

    public static Command unloadKey(String dataset) throws InvalidZfsNameException {
        return Command.of("zfs", "unload-key", ZfsNames.requireDataset(dataset)).asRoot();
    }

    /** {@code zfs send -nvP ...}: the size estimate, nothing sent. */
    public static Command sendEstimate(SendSpec spec) throws InvalidZfsNameException {
        List<String> a = sendArgs(spec, "-nvP");
        return Command.of(a).asRoot();
    }

    /** {@code zfs send -vP ...}: the stream on stdout, progress on stderr once a second. */
    public static Command send(SendSpec spec) throws InvalidZfsNameException {
        return Command.of(sendArgs(spec, "-vP")).asRoot().untimed();
    }

    private static List<String> sendArgs(SendSpec spec, String verbosity) throws InvalidZfsNameException {
        List<String> a = new ArrayList<>(List.of("zfs", "send", verbosity));
        if (spec.isResume()) {
            String t = spec.resumeToken();
            if (t.isBlank() || t.startsWith("-") || t.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidZfsNameException(t, "The resume token is malformed. Read it again from the target "
                        + "(receive_resume_token), or abort the partial receive and send afresh.");
            }
            a.addAll(List.of("-t", t));
            return a;
        }
        if (spec.replicate()) {
            a.add("-R");
        }
        if (spec.raw()) {
            a.add("-w");
        }
        if (spec.compressed()) {
            a.add("-c");
        }
        if (spec.largeBlocks()) {
            a.add("-L");
        }
        ZfsNames.requireSnapshot(spec.snapshot());
        if (spec.from() != null) {
            String from = spec.from();
            if (from.startsWith("@") || from.startsWith("#")) {
                ZfsNames.requireShortName(from.substring(1));
            } else if (from.contains("#")) {
                ZfsNames.requireBookmark(from);
            } else {
                ZfsNames.requireSnapshot(from);
            }
            a.add(spec.intermediates() ? "-I" : "-i");
            a.add(from);
        }
        a.add(spec.snapshot());
        return a;
    }

    public static Command receive(ReceiveSpec spec) throws InvalidZfsNameException {
        requireAnyName(spec.target());
        // -v: zfs names each snapshot it receives, and says "snap X already exists; ignoring" for a
        // repeated incremental, which otherwise succeeds silently (see SendReceive.Result#skipped)
        List<String> a = new ArrayList<>(List.of("zfs", "receive", "-v"));
        if (spec.resumable()) {
            a.add("-s");
        }
        if (spec.force()) {
            a.add("-F");
        }
        if (spec.noMount()) {
            a.add("-u");
        }
        addProps(a, spec.set());
        for (String x : spec.exclude()) {
            a.addAll(List.of("-x", requireProp(x)));
        }
        a.add(spec.target());
        return Command.of(a).asRoot().untimed();
    }

    /** {@code zfs receive -A}: throws away the partial state of an interrupted resumable receive. */
    public static Command abortReceive(String target) throws InvalidZfsNameException {
        return Command.of("zfs", "receive", "-A", ZfsNames.requireDataset(target)).asRoot().withTimeout(SLOW_CHANGE_TIMEOUT);
    }

    public static Command resumeToken(String target) throws InvalidZfsNameException {
        return Command.of("zfs", "get", "-Hp", "-o", "name,property,value,source", "receive_resume_token",
                ZfsNames.requireDataset(target));
    }

    private static void addProps(List<String> a, Map<String, String> props) throws InvalidZfsNameException {
        for (Map.Entry<String, String> e : props.entrySet()) {
            a.add("-o");
            a.add(requireProp(e.getKey()) + "=" + e.getValue());
        }
    }

    private static String requireProp(String p) throws InvalidZfsNameException {
        if (p == null || p.isEmpty() || p.contains("=") || p.startsWith("-") || p.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidZfsNameException(p == null ? "" : p, "'" + p + "' is not a property name. Use a name like "
                    + "compression or com.example:note.");
        }
        return p;
    }

    private static void requireAnyName(String name) throws InvalidZfsNameException {
        if (name != null && name.indexOf('@') >= 0) {
            ZfsNames.requireSnapshot(name);
        } else if (name != null && name.indexOf('#') >= 0) {
            ZfsNames.requireBookmark(name);
        } else {
            ZfsNames.requireDataset(name);
        }
    }

    private static byte[] secret(char[] passphrase) {
        java.nio.ByteBuffer b = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(passphrase));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) {
            java.util.Arrays.fill(b.array(), (byte) 0);
        }
        return out;
    }
}
