package dev.sluice.zfs;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.zfs.ZfsException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed zfs/zpool command into a {@link ZfsCommandException} whose message says what
 * happened and what to do. Matches the texts OpenZFS 2.1 and 2.3 really print (see the fixtures in
 * src/test/resources/fixtures) and libzfs's error strings. Exit codes differ between commands
 * ({@code zfs load-key} and {@code zfs set} exit 255, {@code holds} with a bad option 2, most 1), so
 * only the text decides.
 */
public final class ZfsErrors {
    /** A quoted name: the opening quote follows a space or starts the text (not the one in "it's"). */
    private static final Pattern QUOTED = Pattern.compile("(?:^|(?<=\\s))'([^']+)'");
    private static final Pattern UNQUOTED = Pattern.compile("cannot [a-z]+ snapshot ([^:\\s][^:]*):");
    private static final Pattern RESUME_TOKEN = Pattern.compile("zfs send -t (\\S+)");
    private static final Pattern BAD_OPTION = Pattern.compile("invalid option '(.)'");
    /** zfs rollback stops listing newer snapshots after 32 and says so. */
    private static final Pattern OUTPUT_LIMITED = Pattern.compile("(?m)^Output limited to \\d+ snapshots/bookmarks");

    private ZfsErrors() {
    }

    public static ZfsCommandException classify(CommandException.Failed failed) {
        return classify(failed.command(), failed.exitCode(), failed.stderr(), failed);
    }

    public static ZfsCommandException classify(Command command, int exitCode, String stderr, Throwable cause) {
        String raw = stderr == null ? "" : stderr;
        String err = raw.strip();
        String low = err.toLowerCase(Locale.ROOT);
        String subject = subject(err, command);
        String pool = subject == null ? "the pool" : "pool '" + ZfsNames.poolOf(subject) + "'";
        String what = subject == null ? "the dataset" : "'" + subject + "'";
        Kind kind;
        String msg;
        List<String> names = List.of();
        String token = null;

        if (low.contains("invalid option '")) {
            Matcher m = BAD_OPTION.matcher(err);
            String opt = m.find() ? "-" + m.group(1) : "an option";
            kind = Kind.INVALID_OPTION;
            msg = "The OpenZFS on this host does not know " + opt + " of `" + subcommand(command)
                    + "` (it is older than this feature). Update OpenZFS, or report this: Sluice should have used a fallback.";
        } else if (low.contains("i/o is currently suspended")) {
            kind = Kind.POOL_IO_SUSPENDED;
            msg = "I/O to " + pool + " is suspended after device failures; nothing can be read or written. "
                    + "Check the disks (cables, power, `zpool status`), then run `zpool clear " + ZfsNames.poolOf(nz(subject, "POOL")) + "`.";
        } else if (low.contains("permission denied")) {
            kind = Kind.PERMISSION_DENIED;
            msg = "Permission denied for `" + command.toShell() + "`. ZFS changes need root: choose sudo or pkexec "
                    + "for this host in its settings, or delegate the permission with `zfs allow`.";
        } else if (low.contains("incorrect key provided")) {
            kind = Kind.WRONG_KEY;
            msg = "The passphrase for " + what + " is wrong. Type it again (it is case-sensitive).";
        } else if (low.contains("key unload error") && low.contains("busy")) {
            kind = Kind.BUSY;
            msg = "The key of " + what + " cannot be unloaded while it is in use. Unmount its filesystems (zfs unmount) "
                    + "and stop VMs using its volumes, then lock it again.";
        } else if (low.contains("key already loaded")) {
            kind = Kind.KEY_ALREADY_LOADED;
            msg = "The key for " + what + " is already loaded; it is unlocked, nothing more to do.";
        } else if (low.contains("key not loaded") || low.contains("key must be loaded")) {
            kind = Kind.KEY_NOT_LOADED;
            msg = "The encryption key of " + (subject == null ? what : "'" + ZfsNames.datasetOf(subject) + "'") + " is not loaded. Unlock it first (load the key with its passphrase), "
                    + "then try again. A raw send (-w) works without the key.";
        } else if (low.contains("passphrase too short")) {
            kind = Kind.PASSPHRASE_TOO_SHORT;
            msg = "The passphrase is too short: ZFS needs at least 8 characters. Choose a longer one.";
        } else if (low.contains("more recent snapshots or bookmarks exist")) {
            kind = Kind.WOULD_DESTROY_NEWER;
            names = namesAfter(raw, "following snapshots and bookmarks:", ZfsErrors::isSnapshotOrBookmark);
            boolean limited = OUTPUT_LIMITED.matcher(err).find();
            msg = "Rolling back to " + what + " would destroy " + (limited ? "at least " : "") + names.size()
                    + " newer snapshot(s)/bookmark(s): " + String.join(", ", names) + (limited ? ", …" : "") + ". Roll back with \"destroy newer snapshots\" (-r) if they can go, "
                    + "or clone the snapshot instead to keep them.";
        } else if (low.contains("has dependent clones")) {
            kind = Kind.HAS_DEPENDENT_CLONES;
            names = namesAfter(raw, "destroy the following datasets:", ZfsNames::isValid);
            msg = "Snapshot " + what + " has clones that depend on it: " + String.join(", ", names)
                    + ". Destroy them too (-R), or promote a clone (zfs promote) so it takes over the snapshot.";
        } else if (low.contains("clones of previous snapshots exist")) {
            kind = Kind.HAS_DEPENDENT_CLONES;
            names = namesAfter(raw, "following clones and dependents:", ZfsNames::isValid);
            msg = "Rolling back to " + what + " would destroy newer snapshots that have clones: " + String.join(", ", names)
                    + ". Roll back with \"also destroy clones\" (-R) if they can go, or promote the clones first (zfs promote).";
        } else if (low.contains("has children")) {
            kind = Kind.HAS_CHILDREN;
            names = namesAfter(raw, "destroy the following datasets:", ZfsNames::isValid);
            msg = what + " has children or snapshots" + (names.isEmpty() ? "" : ": " + String.join(", ", names))
                    + ". Destroy recursively (-r) if all of them can go.";
        } else if (low.contains("being held")) {
            kind = Kind.HELD;
            msg = "Snapshot " + what + " is held (`zfs holds " + nz(subject, "SNAPSHOT") + "` lists the holds). "
                    + "Release the holds first, or destroy it deferred (-d) so it goes when the last hold is released.";
        } else if (low.contains("has been modified") && low.contains("since most recent snapshot")) {
            kind = Kind.RECEIVE_TARGET_MODIFIED;
            String target = after(err, "destination ", " has been modified");
            msg = "The target " + quote(target) + " changed since its newest snapshot (writes or snapshots made there). "
                    + "Roll it back to the last snapshot it received (-r), or receive with force (-F), which discards those changes.";
        } else if (low.contains("match incremental source")) {
            kind = Kind.RECEIVE_SOURCE_MISMATCH;
            String target = after(err, "most recent snapshot of ", " does not");
            msg = "The newest snapshot on " + quote(target) + " is not the starting point of this incremental stream. "
                    + "Send incrementally from a snapshot both sides share, or send a full stream to a new target.";
        } else if (low.contains("must specify -f to overwrite") || low.contains("destination already exists")) {
            kind = Kind.DESTINATION_EXISTS;
            msg = "The target " + what + " already exists. Choose a new target name, or overwrite it with force (-F), "
                    + "which destroys what is there.";
        } else if (low.contains("contains partially-complete state")) {
            kind = Kind.RECEIVE_PARTIAL_STATE;
            String target = after(err, "destination ", " contains");
            msg = "The target " + quote(target) + " holds an interrupted transfer. Resume it, or abort it "
                    + "(zfs receive -A " + nz(target, "TARGET") + ") before sending a new stream.";
        } else if (low.contains("resume token is corrupt") || low.contains("used in the initial send")
                || low.contains("kernel modules must be upgraded") || low.contains("resume token does not match")
                || low.contains("cannot resume")) {
            kind = Kind.RESUME_TOKEN_INVALID;
            msg = "The interrupted transfer cannot be resumed: " + reason(cannotLine(err)) + ". Abort the partial receive on the "
                    + "target (zfs receive -A) and start a fresh send.";
        } else if (low.contains("checksum mismatch or incomplete stream") || low.contains("incomplete stream")) {
            kind = Kind.RECEIVE_INTERRUPTED;
            Matcher m = RESUME_TOKEN.matcher(err);
            token = m.find() ? m.group(1) : null;
            String target = lastArg(command);
            names = target == null ? List.of() : List.of(target);
            msg = token != null
                    ? "The transfer into " + quote(target) + " broke off before the end. The part received is kept: resume "
                    + "the transfer to continue where it stopped, or discard it (zfs receive -A " + nz(target, "TARGET") + ")."
                    : "The stream ended early or was damaged; nothing was kept. Send again, with a resumable receive "
                    + "(-s) so that a break can be resumed.";
        } else if (low.contains("no such tag on this dataset")) {
            kind = Kind.DOES_NOT_EXIST;
            msg = "Snapshot " + what + " has no hold with that tag (it may have been released already). Refresh its holds.";
        } else if (low.contains("not a cloned filesystem")) {
            kind = Kind.NOT_A_CLONE;
            msg = what + " is not a clone, so there is nothing to promote.";
        } else if (low.contains("there is no active scrub")) {
            kind = Kind.NO_ACTIVE_SCRUB;
            msg = "No scrub is running on " + pool.replace("pool 'the pool'", "the pool") + "; nothing to stop.";
        } else if (low.contains("no such pool")) {
            kind = Kind.NO_SUCH_POOL;
            msg = "Pool " + what + " is not imported on this host. Import it (zpool import) or refresh the view.";
        } else if (low.contains("parent does not exist")) {
            kind = Kind.PARENT_DOES_NOT_EXIST;
            String parent = subject == null ? null : ZfsNames.parentOf(ZfsNames.datasetOf(subject));
            msg = "The parent of " + what + " does not exist. Create " + quote(parent) + " first, or create with parents (-p).";
        } else if (low.contains("does not exist") || low.contains("could not find any snapshots")
                || low.contains("no such pool or dataset")) {
            kind = Kind.DOES_NOT_EXIST;
            msg = what + " does not exist (any more). Refresh the view: it may have been destroyed or renamed.";
        } else if (low.contains("already exists") || low.contains("pool or dataset exists") || low.contains("bookmark exists")) {
            kind = Kind.ALREADY_EXISTS;
            msg = what + " already exists. Choose another name.";
        } else if (low.contains("out of space") || low.contains("quota exceeded") || low.contains("no space left")) {
            kind = Kind.OUT_OF_SPACE;
            msg = "Not enough free space in " + pool + " for this. Free space (destroy old snapshots or volumes), "
                    + "choose a smaller size, or make the volume thin (sparse).";
        } else if (low.contains("is busy")) {
            kind = Kind.BUSY;
            boolean snapshot = low.contains("cannot destroy snapshot");
            String mountpoint = after(err, "cannot unmount '", "'");
            boolean recursiveDestroy = command != null && command.argv().size() > 1 && command.argv().get(1).equals("destroy")
                    && command.argv().stream().anyMatch(a -> a.startsWith("-") && (a.contains("r") || a.contains("R")));
            String careful = recursiveDestroy ? " Careful: a recursive destroy removes children and snapshots before it "
                    + "meets the busy one, so some may already be gone; refresh to see what is left." : "";
            if (snapshot) {
                msg = "Snapshot " + what + " is busy: it has a hold or is being sent. Check its holds (zfs holds), "
                        + "release them, or wait for the send to finish.";
            } else if (mountpoint != null) {
                msg = "Cannot finish with " + what + ": the filesystem mounted at " + mountpoint + " is in use (a program "
                        + "has a file or directory open there). Close that program, then try again." + careful;
            } else {
                msg = what + " is in use: a VM or program holds the volume open, or the pool is busy. Stop the VM or "
                        + "close the program, then try again." + careful;
            }
        } else if (low.contains("must be within same pool")) {
            kind = Kind.CROSS_POOL;
            msg = "ZFS cannot move a dataset to another pool by renaming. Copy it with send | receive (Migrate), "
                    + "then destroy the original.";
        } else if (low.contains("multiple of volume block size")) {
            kind = Kind.INVALID_PROPERTY;
            msg = "The volume size must be a multiple of the volume block size. Round the size up (e.g. to a whole M).";
        } else if (low.contains("invalid property") || low.contains("bad property") || low.contains("invalid value")) {
            kind = Kind.INVALID_PROPERTY;
            msg = "ZFS refused a property value: " + reason(cannotLine(err)) + ". Check the value and try again.";
        } else {
            kind = Kind.UNKNOWN;
            if (exitCode < 0 && err.isEmpty()) {
                // no status came back: the connection or the shell running the command was cut (a pipeline's stage)
                msg = "`" + subcommand(command) + "` ended without reporting its exit status: the connection to the host, or "
                        + "the shell running it, was lost. Check the host is reachable; what the command did is in Activity.";
            } else {
                msg = "`" + subcommand(command) + "` failed (exit " + exitCode + ")"
                        + (err.isEmpty() ? " without a message." : ": " + err) + " See Activity for the full command.";
            }
        }
        return new ZfsCommandException(kind, msg, command, exitCode, err, names, token, cause);
    }

    /** The dataset a message is about: the first quoted name, or the word after "cannot VERB [snapshot]". */
    static String subject(String err, Command command) {
        Matcher q = QUOTED.matcher(err);
        while (q.find()) {
            String s = q.group(1);
            if (!s.startsWith("-") && !s.startsWith("/") && !s.startsWith("zfs ")) {
                return s;
            }
        }
        Matcher u = UNQUOTED.matcher(err);
        if (u.find()) {
            return u.group(1).strip();
        }
        return lastArg(command);
    }

    /**
     * The names zfs lists after {@code marker}, one per line. Only lines that are valid names of the
     * expected kind count: zfs mixes in other lines ("Output limited to 32 snapshots/bookmarks", a
     * second error, its usage text). Names may begin or end with spaces, so lines are not trimmed.
     */
    private static List<String> namesAfter(String err, String marker, java.util.function.Predicate<String> expected) {
        int at = err.indexOf(marker);
        if (at < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : err.substring(at + marker.length()).split("\n")) {
            String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!s.isEmpty() && expected.test(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean isSnapshotOrBookmark(String name) {
        return (name.indexOf('@') >= 0 || name.indexOf('#') >= 0) && ZfsNames.isValid(name);
    }

    private static String after(String err, String start, String end) {
        int a = err.indexOf(start);
        if (a < 0) {
            return null;
        }
        int b = err.indexOf(end, a + start.length());
        if (b < 0) {
            return null;
        }
        String s = err.substring(a + start.length(), b).strip();
        return s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }

    /** The line with zfs's "cannot ..." (stale-token errors are followed by the token's contents), else the last. */
    static String cannotLine(String err) {
        for (String line : err.split("\n")) {
            if (line.startsWith("cannot ")) {
                String l = line.strip();
                return l.endsWith(".") ? l.substring(0, l.length() - 1) : l;
            }
        }
        return lastLine(err);
    }

    private static String lastLine(String err) {
        String[] lines = err.split("\n");
        String l = lines[lines.length - 1].strip();
        return l.endsWith(".") ? l.substring(0, l.length() - 1) : l;
    }

    /** "cannot resume send: X" → "X": the detail without zfs's own "cannot ..." prefix. */
    static String reason(String line) {
        if (line.startsWith("cannot ")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && colon + 2 < line.length()) {
                return line.substring(colon + 2);
            }
        }
        return line;
    }

    private static String subcommand(Command c) {
        if (c == null) {
            return "zfs";
        }
        List<String> a = c.argv();
        return a.size() > 1 ? a.get(0) + " " + a.get(1) : a.get(0);
    }

    /** The last argument that is a valid name (the target of receive, destroy, rollback...). */
    private static String lastArg(Command c) {
        if (c == null) {
            return null;
        }
        List<String> argv = c.argv();
        for (int i = argv.size() - 1; i > 0; i--) {
            String a = argv.get(i);
            if (!a.startsWith("-") && ZfsNames.isValid(a)) {
                return a;
            }
        }
        return null;
    }

    private static String quote(String s) {
        return s == null ? "the target" : "'" + s + "'";
    }

    private static String nz(String s, String otherwise) {
        return s == null ? otherwise : s;
    }
}
