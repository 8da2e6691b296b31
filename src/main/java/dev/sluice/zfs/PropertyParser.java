package dev.sluice.zfs;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code zfs get -Hp -o name,property,value,source}. With {@code -H} ZFS escapes nothing: a
 * user property such as {@code com.example:note} may hold tabs and newlines in its value, and then
 * one record spans several lines and has more than four tab-separated fields. What is certain:
 * the name and the property name never contain a tab or a newline, and the source is the last
 * field and is one of ZFS's few words ({@code -}, {@code default}, {@code local}, {@code temporary},
 * {@code received}, {@code inherited from <name>}). So a record is: a valid name, TAB, a property
 * name, TAB, the value (anything), TAB, a source, at the end of a line that is followed by the
 * next record or the end of the output.
 */
final class PropertyParser {
    private static final String INHERITED = "inherited from ";

    private PropertyParser() {
    }

    static List<Property> parse(String output) {
        List<Property> out = new ArrayList<>();
        int n = output.length();
        int pos = 0;
        while (pos < n) {
            int eol = lineEnd(output, pos);
            if (blank(output, pos, eol)) {
                pos = eol + 1;
                continue;
            }
            int valueStart = recordStart(output, pos, eol);
            if (valueStart < 0) {
                throw new UnexpectedOutputException("name<TAB>property<TAB>value<TAB>source", output.substring(pos, eol));
            }
            int t1 = output.indexOf('\t', pos);
            String name = output.substring(pos, t1);
            String property = output.substring(t1 + 1, valueStart - 1);
            int end = -1;
            int sourceTab = -1;
            for (int e = eol; ; e = lineEnd(output, e + 1)) {
                int lastTab = output.lastIndexOf('\t', e - 1);
                if (lastTab >= valueStart && isSource(output.substring(lastTab + 1, trimCr(output, lastTab + 1, e)))
                        && nextIsRecordOrEnd(output, e + 1)) {
                    end = e;
                    sourceTab = lastTab;
                    break;
                }
                if (e >= n) {
                    break;
                }
            }
            if (end < 0) {
                throw new UnexpectedOutputException("a value followed by TAB and its source",
                        output.substring(pos, Math.min(n, eol)));
            }
            out.add(new Property(name, property, output.substring(valueStart, sourceTab),
                    output.substring(sourceTab + 1, trimCr(output, sourceTab + 1, end))));
            pos = end + 1;
        }
        return out;
    }

    /** Where the value begins when the line at {@code pos} starts a record ({@code name TAB property TAB}), else -1. */
    private static int recordStart(String s, int pos, int eol) {
        int t1 = s.indexOf('\t', pos);
        if (t1 < 0 || t1 >= eol) {
            return -1;
        }
        int t2 = s.indexOf('\t', t1 + 1);
        if (t2 < 0 || t2 >= eol || t2 == t1 + 1) {
            return -1;
        }
        for (int i = t1 + 1; i < t2; i++) {
            if (s.charAt(i) == ' ') {
                return -1; // property names never hold spaces
            }
        }
        return ZfsNames.isValid(s.substring(pos, t1)) ? t2 + 1 : -1;
    }

    private static boolean nextIsRecordOrEnd(String s, int from) {
        int n = s.length();
        int pos = from;
        while (pos < n) {
            int eol = lineEnd(s, pos);
            if (!blank(s, pos, eol)) {
                return recordStart(s, pos, eol) >= 0;
            }
            pos = eol + 1;
        }
        return true;
    }

    static boolean isSource(String s) {
        return switch (s) {
            case "-", "default", "local", "temporary", "received" -> true;
            default -> s.startsWith(INHERITED) && ZfsNames.isValid(s.substring(INHERITED.length()));
        };
    }

    private static int lineEnd(String s, int from) {
        int eol = s.indexOf('\n', from);
        return eol < 0 ? s.length() : eol;
    }

    private static int trimCr(String s, int from, int end) {
        return end > from && s.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    private static boolean blank(String s, int from, int end) {
        return trimCr(s, from, end) == from;
    }
}
