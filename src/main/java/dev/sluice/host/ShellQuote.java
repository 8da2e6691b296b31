package dev.sluice.host;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * POSIX sh quoting: every argument comes back byte-identical when the line is run by sh (dash,
 * bash, zsh, ksh). Plain words stay plain so "copy as shell" reads like what an admin would type.
 */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    /** Words that mean something else in command position. */
    private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "fi", "do", "done", "case", "esac",
            "while", "until", "for", "in", "function", "select", "time", "coproc");

    private ShellQuote() {
    }

    public static String quote(String arg) {
        // a leading '=' is expanded by zsh (=cmd is the path of cmd)
        if (!arg.isEmpty() && arg.charAt(0) != '=' && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** The program name: also quoted when sh would read it as an assignment or a keyword. */
    private static String quoteProgram(String arg) {
        if (arg.indexOf('=') >= 0 || RESERVED.contains(arg)) {
            return "'" + arg.replace("'", "'\\''") + "'";
        }
        return quote(arg);
    }

    public static String join(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
                sb.append(quote(a));
            } else {
                sb.append(quoteProgram(a));
            }
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
