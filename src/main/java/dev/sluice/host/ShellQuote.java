package dev.sluice.host;

import java.util.List;
import java.util.regex.Pattern;

/** POSIX sh quoting: every argument comes back byte-identical when the line is run by sh. */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    public static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(a));
        }
        return sb.toString();
    }

    /** {@code a | b | c} with each side quoted. */
    public static String pipeline(List<List<String>> stages) {
        StringBuilder sb = new StringBuilder();
        for (List<String> s : stages) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(join(s));
        }
        return sb.toString();
    }
}
