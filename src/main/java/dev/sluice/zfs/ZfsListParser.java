package dev.sluice.zfs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code zfs list -Hp -o <our columns>} output: one line per dataset, fields separated by a
 * tab ({@code -H}), numbers exact ({@code -p}). We always ask for our own column list, so fields
 * are read by position. Names may hold spaces, colons and dots but never tabs (ZFS forbids them),
 * so splitting on tabs is exact. Hand-split, no regex: 100,000 snapshot lines parse in tens of
 * milliseconds (see {@code ZfsParseBenchmark}).
 */
public final class ZfsListParser {

    /** Columns for {@link #datasets}. Order matters. */
    public static final List<String> DATASET_COLUMNS = List.of("name", "type", "used", "avail", "refer", "volsize",
            "volblocksize", "compression", "encryption", "encryptionroot", "keystatus", "origin", "mountpoint",
            "mounted", "refreservation", "guid", "createtxg", "creation", "receive_resume_token");

    /** Columns for {@link #snapshots}. */
    public static final List<String> SNAPSHOT_COLUMNS = List.of("name", "guid", "createtxg", "creation", "used",
            "referenced", "written", "clones", "userrefs");

    /** Columns for {@link #bookmarks}. */
    public static final List<String> BOOKMARK_COLUMNS = List.of("name", "guid", "createtxg", "creation");

    private ZfsListParser() {
    }

    public static List<Dataset> datasets(String output) {
        List<Dataset> out = new ArrayList<>();
        TabLines t = new TabLines(output, DATASET_COLUMNS.size());
        while (t.next()) {
            out.add(new Dataset(t.text(0), DatasetType.parse(t.text(1)), t.num(2), t.num(3), t.num(4), t.num(5),
                    t.num(6), t.optional(7), t.optional(8), t.optional(9), KeyStatus.parse(t.text(10)), t.optional(11),
                    t.optional(12), t.is(13, "yes"), t.num(14), t.optional(15), t.num(16), time(t.num(17)), t.optional(18)));
        }
        return out;
    }

    /** Snapshots of one dataset share one dataset-name String ({@link TabLines#shared}). */
    public static List<Snapshot> snapshots(String output) {
        List<Snapshot> out = new ArrayList<>(Math.max(10, output.length() / 100));
        TabLines t = new TabLines(output, SNAPSHOT_COLUMNS.size());
        while (t.next()) {
            int at = t.indexIn(0, '@');
            if (at < 0) {
                throw new UnexpectedOutputException("a snapshot name without '@'", t.line());
            }
            // the guid is read from the text: no String made for it (a million of them per big host)
            boolean plain = t.isPlainUnsigned(1);
            out.add(new Snapshot(t.text(0), t.shared(0, 0, at), plain ? t.unsigned(1) : 0, plain ? null : t.text(1), t.num(2),
                    t.num(3), t.num(4), t.num(5), t.num(6), clones(t), t.num(8)));
        }
        return out;
    }

    private static List<String> clones(TabLines t) {
        String s = t.optional(7);
        if (s == null) {
            return List.of();
        }
        return s.indexOf(',') < 0 ? List.of(s) : List.of(s.split(","));
    }

    public static List<Bookmark> bookmarks(String output) {
        List<Bookmark> out = new ArrayList<>();
        TabLines t = new TabLines(output, BOOKMARK_COLUMNS.size());
        while (t.next()) {
            int at = t.indexIn(0, '#');
            if (at < 0) {
                throw new UnexpectedOutputException("a bookmark name without '#'", t.line());
            }
            String name = t.text(0);
            out.add(new Bookmark(name, name.substring(0, at), name.substring(at + 1), t.text(1), t.num(2), time(t.num(3))));
        }
        return out;
    }

    /** {@code zfs get -Hp} records: name, property, value, source; values may hold tabs and newlines. */
    public static List<Property> properties(String output) {
        return PropertyParser.parse(output);
    }

    interface LineHandler {
        void handle(String line);
    }

    /** Splits each non-empty line into exactly {@code fields.length} tab-separated fields. */
    static void forEachLine(String output, String[] fields, LineHandler handler) {
        int n = output.length();
        int pos = 0;
        while (pos < n) {
            int eol = output.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            int end = eol > pos && output.charAt(eol - 1) == '\r' ? eol - 1 : eol;
            if (end > pos) {
                int count = 0;
                int start = pos;
                for (int i = pos; i <= end; i++) {
                    if (i == end || output.charAt(i) == '\t') {
                        if (count == fields.length) {
                            count++;
                            break;
                        }
                        fields[count++] = output.substring(start, i);
                        start = i + 1;
                    }
                }
                if (count != fields.length) {
                    throw new UnexpectedOutputException("a line with " + fields.length + " tab-separated fields",
                            output.substring(pos, end));
                }
                handler.handle(output.substring(pos, end));
            }
            pos = eol + 1;
        }
    }

    /** "-" (not applicable) and "" become -1; digits are read by hand. */
    static long num(String s) {
        return parseLongOr(s, -1);
    }

    public static long parseLongOr(String s, long otherwise) {
        int len = s.length();
        if (len == 0 || len > 19) {
            return otherwise;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return otherwise;
            }
            v = v * 10 + (c - '0');
        }
        return v < 0 ? otherwise : v;
    }

    static String text(String s) {
        return s.isEmpty() || s.equals("-") ? null : s;
    }

    static Instant time(String s) {
        return time(num(s));
    }

    static Instant time(long epoch) {
        return epoch < 0 ? null : Instant.ofEpochSecond(epoch);
    }

    static List<String> list(String s) {
        if (s.isEmpty() || s.equals("-")) {
            return List.of();
        }
        if (s.indexOf(',') < 0) {
            return List.of(s);
        }
        return List.of(s.split(","));
    }
}
