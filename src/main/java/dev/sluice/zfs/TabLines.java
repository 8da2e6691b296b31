package dev.sluice.zfs;

/**
 * A cursor over {@code -H} output: finds each non-empty line and the tab positions in it, without
 * copying anything until a field is asked for. Numbers are read straight from the text. This is what
 * keeps 100,000 {@code zfs list} lines cheap (no regex, no split arrays, no per-line substrings).
 */
final class TabLines {
    private final String src;
    private final int fieldCount;
    private final int[] start;
    private final int[] end;
    /** Open-addressing table of names already seen, so repeated dataset and snapshot names share one String. */
    private String[] seen = new String[256];
    private int seenCount;
    private int lineStart;
    private int lineEnd;
    private int pos;

    TabLines(String src, int fieldCount) {
        this.src = src;
        this.fieldCount = fieldCount;
        this.start = new int[fieldCount];
        this.end = new int[fieldCount];
    }

    /** Moves to the next non-empty line; false at the end. Throws when the field count is wrong. */
    boolean next() {
        int n = src.length();
        while (pos < n) {
            int eol = src.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            int e = eol > pos && src.charAt(eol - 1) == '\r' ? eol - 1 : eol;
            int s = pos;
            pos = eol + 1;
            if (e == s) {
                continue;
            }
            lineStart = s;
            lineEnd = e;
            int count = 0;
            int fieldStart = s;
            // String.indexOf is vectorised: a third of the parse was this loop done char by char
            for (int i = src.indexOf('\t', s); i >= 0 && i < e; i = src.indexOf('\t', i + 1)) {
                if (count == fieldCount - 1) {
                    throw wrongShape();
                }
                start[count] = fieldStart;
                end[count++] = i;
                fieldStart = i + 1;
            }
            if (count != fieldCount - 1) {
                throw wrongShape();
            }
            start[count] = fieldStart;
            end[count] = e;
            return true;
        }
        return false;
    }

    private UnexpectedOutputException wrongShape() {
        return new UnexpectedOutputException("a line with " + fieldCount + " tab-separated fields", line());
    }

    String line() {
        return src.substring(lineStart, lineEnd);
    }

    String text(int i) {
        return src.substring(start[i], end[i]);
    }

    /** Null for "" and "-" (ZFS's "not applicable"). */
    String optional(int i) {
        int len = end[i] - start[i];
        return len == 0 || (len == 1 && src.charAt(start[i]) == '-') ? null : text(i);
    }

    /** Digits as a long; -1 for "-", "" or anything else. */
    long num(int i) {
        int s = start[i];
        int len = end[i] - s;
        if (len == 0 || len > 19) {
            return -1;
        }
        long v = 0;
        for (int k = s; k < s + len; k++) {
            char c = src.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < 0 ? -1 : v;
    }

    /**
     * Field {@code i} is an unsigned 64-bit decimal written plainly (digits, no leading zero, at most
     * 18446744073709551615), so {@link #unsigned} reads it back exactly.
     */
    boolean isPlainUnsigned(int i) {
        int s = start[i];
        int n = end[i] - s;
        if (n == 0 || n > 20 || (n > 1 && src.charAt(s) == '0')) {
            return false;
        }
        for (int k = s; k < s + n; k++) {
            char c = src.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (n < 20) {
            return true;
        }
        for (int k = 0; k < 20; k++) {
            char c = src.charAt(s + k);
            char m = MAX_UNSIGNED.charAt(k);
            if (c != m) {
                return c < m;
            }
        }
        return true;
    }

    private static final String MAX_UNSIGNED = "18446744073709551615";

    /** The bits of a field for which {@link #isPlainUnsigned} holds (wrapping arithmetic is exact below 2^64). */
    long unsigned(int i) {
        long v = 0;
        for (int k = start[i]; k < end[i]; k++) {
            v = v * 10 + (src.charAt(k) - '0');
        }
        return v;
    }

    int length(int i) {
        return end[i] - start[i];
    }

    boolean is(int i, String word) {
        return end[i] - start[i] == word.length() && src.startsWith(word, start[i]);
    }

    /** Index of {@code c} within field {@code i}, or -1. */
    int indexIn(int i, char c) {
        int k = src.indexOf(c, start[i]);
        return k >= 0 && k < end[i] ? k - start[i] : -1;
    }

    /** True when field {@code i} starts with the first {@code len} characters of {@code prefix}. */
    boolean startsWith(int i, String prefix, int len) {
        return end[i] - start[i] >= len && prefix.length() >= len && src.regionMatches(start[i], prefix, 0, len);
    }

    /** Characters {@code from} to {@code to} of field {@code i}. */
    String part(int i, int from, int to) {
        return src.substring(start[i] + from, start[i] + to);
    }

    /**
     * Characters {@code from} to {@code to} of field {@code i}, as the same String instance every time
     * the same text comes again: dataset names repeat for each of their snapshots. Meant for
     * few distinct values (the table keeps every one it has seen while parsing one output).
     */
    String shared(int i, int from, int to) {
        int s = start[i] + from;
        int len = to - from;
        int h = 0;
        for (int k = s; k < s + len; k++) {
            h = 31 * h + src.charAt(k);
        }
        int mask = seen.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            String c = seen[slot];
            if (c == null) {
                String fresh = src.substring(s, s + len);
                seen[slot] = fresh;
                if (++seenCount * 2 > seen.length) {
                    grow();
                }
                return fresh;
            }
            if (c.length() == len && c.hashCode() == h && src.regionMatches(s, c, 0, len)) {
                return c;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        String[] old = seen;
        seen = new String[old.length * 2];
        int mask = seen.length - 1;
        for (String c : old) {
            if (c != null) {
                int h = c.hashCode();
                int slot = (h ^ (h >>> 16)) & mask;
                while (seen[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                seen[slot] = c;
            }
        }
    }
}
