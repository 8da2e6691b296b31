package dev.sluice.host;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Arguments built to break quoting: shell metacharacters, quotes, newlines, random unicode. */
final class HostileStrings {
    static final List<String> FIXED = List.of("", " ", "-", "--", "-n", "-e", "--help", "'", "\"", "''", "\\", "\\\\", "\\'",
            "$HOME", "${HOME}", "$(id)", "`id`", "a;b", "a&&b", "a|b", "a>b", "<a", "*", "?", "[a]", "~", "~root", "!", "!!",
            "#c", "a#b", "%s", "%%", "=x", "a=b", "{a,b}", "\n", "\r\n", "a\nb", "\t", "x\u00a0y", "ünï", "日本語", "😀",
            "'\"'\"'", "\\$`\"", "a b  c", "\u007f", "\u0001\u001b[31m", "end\\", "trailing\n");
    private static final String NASTY = "'\"\\$`!*?[]{}()<>|&;#~=% \t\n\r-";

    private HostileStrings() {
    }

    static List<String> generate(long seed, int count) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(FIXED);
        while (out.size() < count) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(12);
            for (int i = 0; i < len; i++) {
                switch (r.nextInt(4)) {
                    case 0 -> sb.append(NASTY.charAt(r.nextInt(NASTY.length())));
                    case 1 -> sb.append((char) ('a' + r.nextInt(26)));
                    case 2 -> sb.appendCodePoint(randomCodePoint(r));
                    default -> sb.append((char) (1 + r.nextInt(127)));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static int randomCodePoint(Random r) {
        while (true) {
            int cp = 1 + r.nextInt(0x10FFFF);
            if (cp < 0xD800 || cp > 0xDFFF) {
                return cp;
            }
        }
    }

    /** What {@code printf '%s\0' args...} prints for these arguments. */
    static byte[] nulTerminated(List<String> args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String a : args) {
            b.writeBytes(a.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }
}
