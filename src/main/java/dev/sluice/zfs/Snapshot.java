package dev.sluice.zfs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One snapshot, from {@code zfs list -Hp -t snapshot -o} {@link ZfsListParser#SNAPSHOT_COLUMNS}.
 * {@code createtxg} orders snapshots of one dataset exactly (creation times can tie);
 * {@code clones} are datasets whose origin this is; {@code userRefs} counts holds.
 *
 * <p>A value class with a record's API (accessors, {@code equals}, {@code hashCode}), not a record, so that
 * a host's million snapshots stay small (issue #18): the short name is cut from the full name when asked,
 * the guid is kept as its 64-bit number and the creation time as epoch seconds. That halves the heap a
 * big host's snapshot list takes.
 */
public final class Snapshot {
    private static final long NO_TIME = Long.MIN_VALUE;

    private final String name;
    private final String dataset;
    private final long guidBits;
    /** The guid when it is not a plain unsigned decimal (never from zfs; kept as given). */
    private final String guidText;
    private final long createtxg;
    private final long creation;
    private final long used;
    private final long referenced;
    private final long written;
    private final List<String> clones;
    /** Holds on one snapshot fit an int (kept as one: 8 bytes less on each of a million). */
    private final int userRefs;

    /** {@code shortName} must be what follows the '@' of {@code name}, {@code dataset} what comes before. */
    public Snapshot(String name, String dataset, String shortName, String guid, long createtxg, Instant creation,
                    long used, long referenced, long written, List<String> clones, long userRefs) {
        this(whole(name, dataset, shortName), dataset, guid, createtxg, creation == null ? -1 : creation.getEpochSecond(),
                used, referenced, written, clones, userRefs);
    }

    /** For the parser: {@code dataset} is the part of {@code name} before its '@'; no Instant, no short name made. */
    Snapshot(String name, String dataset, String guid, long createtxg, long creationSeconds, long used, long referenced,
             long written, List<String> clones, long userRefs) {
        this(name, dataset, isPlainUnsigned(guid) ? Long.parseUnsignedLong(guid) : 0, isPlainUnsigned(guid) ? null : guid,
                createtxg, creationSeconds, used, referenced, written, clones, userRefs);
    }

    /** For the parser, which reads a plain guid's bits itself: {@code guidText} only when it is not plain (else null). */
    Snapshot(String name, String dataset, long guidBits, String guidText, long createtxg, long creationSeconds, long used,
             long referenced, long written, List<String> clones, long userRefs) {
        this.name = name;
        this.dataset = dataset;
        this.guidBits = guidBits;
        this.guidText = guidText;
        this.createtxg = createtxg;
        this.creation = creationSeconds < 0 ? NO_TIME : creationSeconds;
        this.used = used;
        this.referenced = referenced;
        this.written = written;
        this.clones = List.copyOf(clones);
        this.userRefs = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, userRefs));
    }

    private static String whole(String name, String dataset, String shortName) {
        if (name.length() != dataset.length() + 1 + shortName.length() || !name.startsWith(dataset)
                || name.charAt(dataset.length()) != '@' || !name.endsWith(shortName)) {
            throw new IllegalArgumentException(name + " is not " + dataset + "@" + shortName);
        }
        return name;
    }

    /** Digits only, no leading zero, within 64 bits unsigned: prints back exactly as given. */
    private static boolean isPlainUnsigned(String s) {
        int n = s == null ? 0 : s.length();
        if (n == 0 || n > 20 || (n > 1 && s.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return n < 20 || s.compareTo("18446744073709551615") <= 0;
    }

    public String name() {
        return name;
    }

    public String dataset() {
        return dataset;
    }

    public String shortName() {
        return name.substring(dataset.length() + 1);
    }

    public String guid() {
        return guidText != null ? guidText : Long.toUnsignedString(guidBits);
    }

    public long createtxg() {
        return createtxg;
    }

    public Instant creation() {
        return creation == NO_TIME ? null : Instant.ofEpochSecond(creation);
    }

    /** Creation time in epoch seconds without making an {@link Instant}; {@link Long#MIN_VALUE} when unknown. */
    public long creationSeconds() {
        return creation;
    }

    public long used() {
        return used;
    }

    public long referenced() {
        return referenced;
    }

    public long written() {
        return written;
    }

    public List<String> clones() {
        return clones;
    }

    public long userRefs() {
        return userRefs;
    }

    public boolean held() {
        return userRefs > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && name.equals(s.name) && guidBits == s.guidBits && Objects.equals(guidText, s.guidText)
                && createtxg == s.createtxg && creation == s.creation && used == s.used && referenced == s.referenced
                && written == s.written && clones.equals(s.clones) && userRefs == s.userRefs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, guidBits, guidText, createtxg, creation, used, referenced, written, clones, userRefs);
    }

    @Override
    public String toString() {
        return "Snapshot[name=" + name + ", guid=" + guid() + ", createtxg=" + createtxg + ", creation=" + creation()
                + ", used=" + used + ", referenced=" + referenced + ", written=" + written + ", clones=" + clones
                + ", userRefs=" + userRefs + "]";
    }
}
